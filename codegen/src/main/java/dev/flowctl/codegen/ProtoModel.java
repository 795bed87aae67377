package dev.flowctl.codegen;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The generator's model of one .proto file. Both the text ({@link ProtoRenderer}) and the
 * descriptor ({@link DescriptorRenderer}) are rendered from it, so a test can compare the
 * descriptor with what protoc makes of the text.
 */
final class ProtoModel {
    private ProtoModel() {
    }

    /**
     * A .proto file: {@code path} relative to the proto root, options in declaration order;
     * {@code packageComment} is written just above the package line (its buf lint ignores).
     */
    record File(String path, String pkg, String comment, String packageComment, List<String> imports, Map<String, String> options,
                List<Message> messages, List<Service> services) {
    }

    /** A message with its nested enums and messages (struct inputs) and its reserved numbers and names. */
    record Message(String name, String comment, List<Field> fields, List<Enum> enums, List<Message> nested,
                   SortedSet<Integer> reservedNumbers, SortedSet<String> reservedNames) {
    }

    /** How a field is labelled in proto3. */
    enum Label {
        /** {@code optional}: explicit presence, so "not given" differs from zero. */
        OPTIONAL,
        /** A message field: presence is implied. */
        SINGULAR,
        /** No label: proto3's implicit presence (only the shared run reference uses it). */
        IMPLICIT,
        REPEATED,
        MAP
    }

    /**
     * A field. {@code type} is a scalar keyword ({@code string}, {@code int64}, ...) or a type name
     * as written in the file; {@code typeName} is its fully qualified name (null for scalars).
     * For maps, {@code type}/{@code typeName} describe the value; keys are strings.
     */
    record Field(String name, int number, Label label, String type, String typeName, Kind kind, String comment) {
        /** What the proto type is for the lock: the text form, so any wire-visible change shows. */
        static String signature(Label label, String type) {
            return switch (label) {
                case REPEATED -> "repeated " + type;
                case MAP -> "map<string, " + type + ">";
                default -> type;
            };
        }
    }

    /** What a field's (value) type is. */
    enum Kind {
        STRING, INT64, DOUBLE, BOOL, ENUM, MESSAGE
    }

    /** An enum; value 0 is always {@code <NAME>_UNSPECIFIED}. */
    record Enum(String name, String comment, List<EnumValue> values, SortedSet<Integer> reservedNumbers,
                SortedSet<String> reservedNames) {
    }

    /** One enum constant; {@code original} is the value as written in flows.yaml (null for UNSPECIFIED). */
    record EnumValue(String name, int number, String original) {
    }

    /** A service and its RPCs; {@code deprecated} writes {@code option deprecated = true;} (the version is deprecated). */
    record Service(String name, String comment, List<Rpc> rpcs, boolean deprecated) {
        Service(String name, String comment, List<Rpc> rpcs) {
            this(name, comment, rpcs, false);
        }
    }

    /** An RPC, unary unless {@code serverStreaming} (the gateway's Runs/Watch); type names are fully qualified. */
    record Rpc(String name, String comment, String inputType, String inputTypeName, String outputType, String outputTypeName,
               boolean serverStreaming) {
        Rpc(String name, String comment, String inputType, String inputTypeName, String outputType, String outputTypeName) {
            this(name, comment, inputType, inputTypeName, outputType, outputTypeName, false);
        }
    }
}
