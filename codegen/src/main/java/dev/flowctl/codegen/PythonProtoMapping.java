package dev.flowctl.codegen;

import static dev.flowctl.codegen.PythonSyntax.literal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A version's PROTO constant: the proto3 JSON mapping of the contract's message as data (field json
 * names, kinds, enum constants), which the runtime reads to spell proto3 JSON as ProtoInputs does.
 */
final class PythonProtoMapping {
    private PythonProtoMapping() {
    }

    /** The {@code _rt.ProtoMessage({...})} expression of the version's message, nested messages inline. */
    static String of(ProtoModel.Message m) {
        return message(m, 0);
    }

    private static String message(ProtoModel.Message m, int depth) {
        String pad = "    ".repeat(depth + 1);
        List<String> fields = new ArrayList<>();
        for (ProtoModel.Field f : m.fields()) {
            String kind = switch (f.kind()) {
                case STRING -> "string";
                case INT64 -> "int64";
                case DOUBLE -> "double";
                case BOOL -> "bool";
                case ENUM -> "enum";
                case MESSAGE -> f.type().equals("google.protobuf.Timestamp") ? "timestamp" : "message";
            };
            StringBuilder b = new StringBuilder("_rt.ProtoField(" + literal(Naming.jsonName(f.name())) + ", " + literal(kind));
            if (f.label() == ProtoModel.Label.REPEATED) b.append(", label=\"repeated\"");
            if (f.label() == ProtoModel.Label.MAP) b.append(", label=\"map\"");
            if (kind.equals("enum")) {
                ProtoModel.Enum e = m.enums().stream().filter(x -> x.name().equals(f.type())).findFirst().orElseThrow();
                String constants = e.values().stream().map(x -> "(" + literal(x.name()) + ", " + x.number() + ", "
                        + (x.original() == null ? "None" : literal(x.original())) + ")").collect(Collectors.joining(", "));
                b.append(", enum=_rt.ProtoEnum([").append(constants).append("])");
            }
            if (kind.equals("message")) {
                ProtoModel.Message n = m.nested().stream().filter(x -> x.name().equals(f.type())).findFirst().orElseThrow();
                b.append(", message=").append(message(n, depth + 1));
            }
            fields.add(pad + literal(f.name()) + ": " + b + ")");
        }
        return "_rt.ProtoMessage({" + (fields.isEmpty() ? "" : "\n" + String.join(",\n", fields) + ",\n" + "    ".repeat(depth)) + "})";
    }
}
