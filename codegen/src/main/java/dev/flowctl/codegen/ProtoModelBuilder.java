package dev.flowctl.codegen;

import static dev.flowctl.codegen.FixedProtoModels.RUN_PROTO;
import static dev.flowctl.codegen.FixedProtoModels.RUN_REF;
import static dev.flowctl.codegen.FixedProtoModels.SHARED_RUN_REF;
import static dev.flowctl.codegen.FixedProtoModels.TIMESTAMP;
import static dev.flowctl.codegen.FixedProtoModels.TIMESTAMP_PROTO;
import static dev.flowctl.codegen.FixedProtoModels.javaOptions;
import static dev.flowctl.codegen.FixedProtoModels.lintIgnored;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.codegen.FlowsLock.Kind;
import dev.flowctl.codegen.NumberAssigner.Member;
import dev.flowctl.codegen.NumberAssigner.Numbers;
import dev.flowctl.codegen.ProtoModel.Field;
import dev.flowctl.codegen.ProtoModel.Label;
import dev.flowctl.spec.FlowSpec;
import dev.flowctl.spec.InputSpec;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.TypeRef;
import dev.flowctl.spec.VersionSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Builds the proto model of every flow version of a spec, numbering through a {@link NumberAssigner}. */
final class ProtoModelBuilder {

    private final NumberAssigner numbers;

    ProtoModelBuilder(NumberAssigner numbers) {
        this.numbers = numbers;
    }

    static String packageOf(Spec spec, VersionSpec v) {
        return spec.project() + ".flows." + v.flow() + "." + v.name();
    }

    /**
     * {@code <project>/flows/<flow>/<version>/<flow>.proto}: one file per directory, the directory
     * its package, as buf lint's PACKAGE_DIRECTORY_MATCH and DIRECTORY_SAME_PACKAGE want.
     */
    static String pathOf(Spec spec, VersionSpec v) {
        return projectFolder(spec) + "/" + v.flow() + "/" + v.name() + "/" + v.flow() + ".proto";
    }

    /** Where flowctl before the buf layout wrote a version's file; codegen reads its numbers once and removes it. */
    static String legacyPathOf(String path) {
        return path.substring(0, path.lastIndexOf('/')) + ".proto";
    }

    /** The service of a version: {@code <Flow>Service}, as buf lint's SERVICE_SUFFIX wants. */
    static String serviceName(VersionSpec v) {
        return Naming.pascal(v.flow()) + "Service";
    }

    /** A version name buf accepts as a package's last component: v1, v2beta1, v3alpha. */
    private static final java.util.regex.Pattern BUF_VERSION = java.util.regex.Pattern.compile("v[1-9][0-9]*((alpha|beta)[1-9]?[0-9]*)?");

    /** The folder (under proto/) of every version file of the project: its package, which no other project shares. */
    static String projectFolder(Spec spec) {
        return spec.project() + "/flows";
    }

    static String messageName(VersionSpec v) {
        return Naming.pascal(v.flow()) + "Input";
    }

    /**
     * A version's proto file; its inputs ordered as generated (by field number, struct fields and
     * enum values too); and, for the Java stub, the constant of every enum value by input path and
     * value, the comment of every input by input path (the same for proto field and Java getter),
     * and the nested type name of every enum or struct input by input path (the same in both).
     */
    record Contract(ProtoModel.File file, List<InputSpec> inputs, Map<String, Map<String, String>> enumConstants,
                    Map<String, FieldComments.Comment> comments, Map<String, String> typeNames) {
    }

    Contract version(Spec spec, VersionSpec v) {
        String pkg = packageOf(spec, v);
        FlowSpec flow = spec.flows().get(v.flow());
        String name = messageName(v);
        Context ctx = new Context(v, new TreeSet<>(List.of(RUN_PROTO)), new HashMap<>(), new HashMap<>(), new HashMap<>());
        List<String> lines = new ArrayList<>(FieldComments.closed(FieldComments.lines(flow == null ? null : flow.description())));
        lines.add("Inputs of " + v.address() + ".");
        String comment = String.join("\n", lines);
        Built input = message(ctx, name, "." + pkg + "." + name, "", v.inputs(), comment, List.of(name));
        String flowPascal = Naming.pascal(v.flow());
        ProtoModel.Service service = new ProtoModel.Service(serviceName(v), serviceComment(v),
                List.of(new ProtoModel.Rpc("Start", lintIgnored("Starts one run with these inputs.", SHARED_RUN_REF), name, "." + pkg + "." + name,
                        "flowctl.v1.RunRef", RUN_REF)), v.deprecated() != null);
        // A version named other than v1, v2beta1, ... (canary) is still its package's last component.
        String packageComment = BUF_VERSION.matcher(v.name()).matches() ? null : lintIgnored(null, "PACKAGE_VERSION_SUFFIX");
        return new Contract(new ProtoModel.File(pathOf(spec, v), pkg, "Contract of flow version " + v.address() + " (project " + spec.project() + ").",
                packageComment, List.copyOf(ctx.imports), javaOptions(JavaStubGenerator.packageOf(spec, v) + ".proto", flowPascal + Naming.pascal(v.name()) + "Proto"),
                List.of(input.message()), List.of(service)), input.inputs(), ctx.enumConstants, ctx.comments, ctx.typeNames);
    }

    /** "Starts runs of f@v1.", and for a deprecated version what its deprecated: block says. */
    private static String serviceComment(VersionSpec v) {
        String comment = "Starts runs of " + v.address() + ".";
        if (v.deprecated() == null) return comment;
        List<String> lines = new ArrayList<>(List.of(comment, "Deprecated: " + v.deprecated().describe().lines().findFirst().orElse("")));
        return String.join("\n", FieldComments.closed(FieldComments.lines(String.join("\n", lines))));
    }

    /** What the whole file needs to know while building nested messages. */
    private record Context(VersionSpec version, TreeSet<String> imports, Map<String, Map<String, String>> enumConstants,
                           Map<String, FieldComments.Comment> comments, Map<String, String> typeNames) {
    }

    /** An enum input of the message being built, its values numbered, waiting for its constants. */
    private record EnumDraft(InputSpec in, String typeName, String inputPath, Numbers numbers) {
        String prefix() {
            return Naming.upper(in.name()) + "_";
        }
    }

    /**
     * The nested type of each enum or struct input of one message (see {@link Naming#nestedTypeNames}),
     * one name for the proto and the Java stub, so flows.lock pins one name. It refuses what
     * either refuses: the name of an enclosing message (protoc refuses to generate Java for it),
     * {@code Builder}, a map entry type protoc makes up ({@code <Field>Entry}) in this message
     * or, for a struct, in itself, and a type the Java stub uses ({@link JavaStubGenerator#HIDDEN_TYPES}).
     */
    private static Map<InputSpec, String> nestedTypeNames(List<InputSpec> inputs, Map<String, String> kept, List<String> enclosing) {
        Set<String> taken = new HashSet<>(enclosing);
        taken.addAll(JavaStubGenerator.HIDDEN_TYPES);
        for (InputSpec in : inputs) {
            if (in.type() instanceof TypeRef.MapType) taken.add(Naming.pascal(in.name()) + "Entry");
        }
        return Naming.nestedTypeNames(inputs, kept, (in, name) -> taken.contains(name) || entryOfOwnMap(in, name));
    }

    /** True if a struct named {@code name} would contain a map entry type of the same name. */
    private static boolean entryOfOwnMap(InputSpec in, String name) {
        if (!(in.type().innermost() instanceof TypeRef.StructType s)) return false;
        return s.fields().stream().anyMatch(f -> f.type() instanceof TypeRef.MapType && name.equals(Naming.pascal(f.name()) + "Entry"));
    }

    /**
     * A built message, and its inputs as generated: ordered by field number, struct fields and
     * enum values too, so nothing generated from them depends on the order of flows.yaml.
     */
    private record Built(ProtoModel.Message message, List<InputSpec> inputs) {
    }

    /** An input about to be numbered: what the lock pins (its proto type) is known before its nested type is built. */
    private record Draft(InputSpec in, String inputPath, Label label, TypeRef element, Member member) {
    }

    private Built message(Context ctx, String name, String fqn, String path, List<InputSpec> inputs, String comment,
                          List<String> enclosing) {
        List<Draft> drafts = new ArrayList<>();
        Map<String, String> jsonNames = new HashMap<>();
        for (InputSpec in : inputs) {
            String where = ctx.version.address() + " input '" + (path.isEmpty() ? "" : path + ".") + in.name() + "'";
            String json = Naming.jsonName(in.name());
            String clash = jsonNames.put(json, in.name());
            if (clash != null) {
                throw new CodegenException(ErrorCode.CODEGEN_NAME_CLASH, where + " and '" + clash + "' have the same JSON name '" + json + "' in proto3; rename one.");
            }
            TypeRef element = in.type();
            Label label = Label.OPTIONAL;
            if (element instanceof TypeRef.ListType l) {
                label = Label.REPEATED;
                element = l.element();
            } else if (element instanceof TypeRef.MapType m) {
                label = Label.MAP;
                element = m.value();
            }
            if (element instanceof TypeRef.ListType || element instanceof TypeRef.MapType) {
                throw new CodegenException(where + " has type " + in.type().display()
                        + ", which proto3 cannot express (no list or map inside a list or map); wrap the inner one in a struct.");
            }
            // The lock pins a nested type by the input's own PascalCase name: a nested type renamed only to
            // dodge a clash is the same type, and must not cost the field its number.
            String type;
            Kind nestedKind = null;
            if (element instanceof TypeRef.EnumType) {
                type = Naming.pascal(in.name());
                nestedKind = Kind.VALUE;
            } else if (element instanceof TypeRef.StructType) {
                type = Naming.pascal(in.name());
                nestedKind = Kind.FIELD;
            } else {
                type = scalarType(primitiveOf(element));
            }
            boolean message = nestedKind == Kind.FIELD || (nestedKind == null && primitiveOf(element) == TypeRef.Primitive.TIMESTAMP);
            if (label == Label.OPTIONAL && message) label = Label.SINGULAR;
            String inputPath = path.isEmpty() ? in.name() : path + "." + in.name();
            drafts.add(new Draft(in, inputPath, label, element, new Member(in.name(), Field.signature(label, type), nestedKind)));
        }
        Numbers n = numbers.assign(ctx.version.address(), Kind.FIELD, path, drafts.stream().map(Draft::member).toList());
        // From here on, by field number: the proto's natural order, and the same whatever the order in flows.yaml.
        drafts.sort(java.util.Comparator.comparingInt(d -> n.of(d.in().name())));
        // Inputs numbered before keep their nested type's name: the one pinned beside the number, or their own.
        Map<String, String> kept = new HashMap<>();
        for (FlowsLock.Pin p : n.pins()) {
            if (!p.reserved() && !n.fresh().contains(p.name())) kept.put(p.name(), p.typeName() != null ? p.typeName() : Naming.pascal(p.name()));
        }
        Map<InputSpec, String> typeNames = nestedTypeNames(drafts.stream().map(Draft::in).toList(), kept, enclosing);
        Map<String, String> pinned = new HashMap<>();
        typeNames.forEach((in, typeName) -> pinned.put(in.name(), typeName));
        numbers.pinTypeNames(ctx.version.address(), path, pinned);

        List<EnumDraft> enumDrafts = new ArrayList<>();
        List<ProtoModel.Message> nested = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        List<InputSpec> ordered = new ArrayList<>();
        for (Draft d : drafts) {
            InputSpec in = d.in();
            String typeName = typeNames.get(in);
            if (typeName != null) ctx.typeNames.put(d.inputPath(), typeName);
            TypeRef element = d.element();
            String type;
            String qualified = null;
            ProtoModel.Kind kind;
            if (element instanceof TypeRef.EnumType e) {
                type = typeName;
                qualified = fqn + "." + typeName;
                kind = ProtoModel.Kind.ENUM;
                Numbers values = numbers.assign(ctx.version.address(), Kind.VALUE, d.inputPath(),
                        e.values().stream().map(value -> new Member(value, null)).toList());
                element = new TypeRef.EnumType(e.values().stream().sorted(java.util.Comparator.comparingInt(values::of)).toList());
                in = withElement(in, element);
                enumDrafts.add(new EnumDraft(in, typeName, d.inputPath(), values));
            } else if (element instanceof TypeRef.StructType s) {
                type = typeName;
                qualified = fqn + "." + typeName;
                kind = ProtoModel.Kind.MESSAGE;
                List<String> inner = new ArrayList<>(enclosing);
                inner.add(typeName);
                Built struct = message(ctx, typeName, qualified, d.inputPath(), s.fields(), "Fields of input " + d.inputPath() + ".", inner);
                nested.add(struct.message());
                element = new TypeRef.StructType(struct.inputs());
                in = withElement(in, element);
            } else {
                TypeRef.Primitive p = primitiveOf(element);
                kind = scalarKind(p);
                type = scalarType(p);
                if (p == TypeRef.Primitive.TIMESTAMP) {
                    qualified = TIMESTAMP;
                    ctx.imports.add(TIMESTAMP_PROTO);
                }
            }
            ordered.add(in);
            FieldComments.Comment fieldComment = FieldComments.of(in, element);
            ctx.comments.put(d.inputPath(), fieldComment);
            fields.add(new Field(in.name(), n.of(in.name()), d.label(), type, qualified, kind, fieldComment.proto()));
        }
        List<EnumConstants.Resolved> resolved = EnumConstants.resolve(enumDrafts.stream().map(d -> new EnumConstants.Scope(
                d.typeName(), d.prefix(), n.of(d.in().name()), d.numbers().pins(), d.numbers().fresh())).toList());
        List<ProtoModel.Enum> enums = new ArrayList<>();
        for (int i = 0; i < enumDrafts.size(); i++) enums.add(enumOf(ctx, enumDrafts.get(i), resolved.get(i)));
        return new Built(new ProtoModel.Message(name, comment, List.copyOf(fields), enums, nested, n.reservedNumbers(), n.reservedNames()),
                List.copyOf(ordered));
    }

    /** The primitive a non-nested type is sent as: a custom type's base, else the type itself (shared by every generator). */
    static TypeRef.Primitive primitiveOf(TypeRef element) {
        return element instanceof TypeRef.CustomType c ? c.base() : (TypeRef.Primitive) element;
    }

    /** The input with its enum or struct type (inside its list or map, if any) replaced by {@code element}. */
    private static InputSpec withElement(InputSpec in, TypeRef element) {
        TypeRef type = in.type();
        if (type instanceof TypeRef.ListType) type = new TypeRef.ListType(element);
        else if (type instanceof TypeRef.MapType m) type = new TypeRef.MapType(m.key(), element);
        else type = element;
        return new InputSpec(in.name(), type, in.required(), in.defaultValue(), in.description());
    }

    private ProtoModel.Enum enumOf(Context ctx, EnumDraft d, EnumConstants.Resolved r) {
        String prefix = d.prefix();
        numbers.pinConstants(ctx.version.address(), d.inputPath(), r.constants());
        ctx.enumConstants.put(d.inputPath(), r.constants());
        List<ProtoModel.EnumValue> out = new ArrayList<>();
        out.add(new ProtoModel.EnumValue(prefix + "UNSPECIFIED", 0, null));
        List<String> values = ((TypeRef.EnumType) d.in().type().innermost()).values();
        for (String v : values) out.add(new ProtoModel.EnumValue(prefix + r.constants().get(v), d.numbers().of(v), v));
        String comment = "Values of input " + d.inputPath() + "; " + prefix + "UNSPECIFIED means not given.";
        // Values are prefixed with the input's name, never the type's: a type renamed to dodge a clash
        // (ModeType, maybe long after the values were first generated) keeps MODE_FAST, the value's
        // name in proto3 JSON and in protoc's code. buf wants the type's name (docs/codegen.md#buf-lint).
        if (!prefix.equals(Naming.bufEnumValuePrefix(d.typeName()))) comment = lintIgnored(comment, "ENUM_VALUE_PREFIX");
        return new ProtoModel.Enum(d.typeName(), comment, out, d.numbers().reservedNumbers(), r.reservedNames());
    }

    private static ProtoModel.Kind scalarKind(TypeRef.Primitive p) {
        switch (p) {
            case INT:
                return ProtoModel.Kind.INT64;
            case FLOAT:
                return ProtoModel.Kind.DOUBLE;
            case BOOL:
                return ProtoModel.Kind.BOOL;
            case TIMESTAMP:
                return ProtoModel.Kind.MESSAGE;
            default:
                return ProtoModel.Kind.STRING;
        }
    }

    private static String scalarType(TypeRef.Primitive p) {
        switch (p) {
            case INT:
                return "int64";
            case FLOAT:
                return "double";
            case BOOL:
                return "bool";
            case TIMESTAMP:
                return "google.protobuf.Timestamp";
            default:
                return "string";
        }
    }
}
