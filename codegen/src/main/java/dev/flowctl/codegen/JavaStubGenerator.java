package dev.flowctl.codegen;

import dev.flowctl.errors.ErrorCode;
import static dev.flowctl.codegen.JavaExpressions.isCollection;
import static dev.flowctl.codegen.JavaExpressions.javaType;
import static dev.flowctl.codegen.JavaExpressions.literal;
import static dev.flowctl.codegen.JavaExpressions.reader;
import static dev.flowctl.codegen.JavaExpressions.writer;

import dev.flowctl.spec.InputSpec;
import dev.flowctl.spec.SchemaJson;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.TypeRef;
import dev.flowctl.spec.VersionSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Java stubs per flow version: an immutable input type with a builder, which converts to and from
 * the JSON document the engine receives as execution input. Nested structs and enums become nested
 * types. The stub checks nothing itself: it embeds the version's schema JSON (as apply records it)
 * and calls the runtime module's InputSchema, the one check flowctl run and the gateway use too, so
 * a stub refuses exactly what a run start refuses, with the same paths and messages.
 */
final class JavaStubGenerator {
    static final String RUNTIME_PACKAGE = "dev.flowctl.contract";
    /**
     * Field names taken by generated or inherited methods, and {@code java}, which as a field would
     * obscure the package in expressions such as {@code java.util.List<String>}.
     */
    private static final Set<String> RESERVED_MEMBERS = Set.of("builder", "toBuilder", "toJson", "toJsonNode", "fromJson",
            "fromJsonNode", "equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait", "clone", "finalize",
            "java");
    /**
     * Simple type names a nested type must not take: a nested {@code String} would hide
     * java.lang.String in every member. The types the generated code names, plus the rest of
     * java.lang's everyday types and java.util's collections, which readers expect to mean the JDK's.
     * InvalidInputException stays although the stubs now throw the runtime's, fully qualified: taking
     * it out would give a later-added input a name earlier generators refused.
     */
    static final Set<String> HIDDEN_TYPES = Set.of("Builder", "String", "Long", "Double", "Boolean", "Object", "Objects",
            "Optional", "Override", "JsonNode", "ObjectNode", "FlowInputs", "InvalidInputException", "Integer", "Short", "Byte",
            "Character", "Float", "Number", "Void", "Class", "Enum", "Record", "Math", "System", "Iterable", "Comparable",
            "Exception", "RuntimeException", "Error", "Throwable", "Deprecated", "SuppressWarnings", "FunctionalInterface",
            "SafeVarargs", "List", "Map", "Set", "Collection");

    private JavaStubGenerator() {
    }

    /**
     * The Java package of a version's stub: the proto package, a keyword segment escaped
     * ({@code new} -> {@code new_}), and a project named java too (the JVM refuses to load
     * classes of packages under java.).
     */
    static String packageOf(Spec spec, VersionSpec v) {
        return projectPackage(spec) + "." + Naming.javaIdentifier(v.flow()) + "." + Naming.javaIdentifier(v.name());
    }

    private static String projectPackage(Spec spec) {
        String project = spec.project().equals("java") ? "java_" : Naming.javaIdentifier(spec.project());
        return project + ".flows";
    }

    /**
     * The folder (under java/) of every version stub of the project: its package. Another project
     * could only share it by sharing the package, whose classes would collide anyway.
     */
    static String projectFolder(Spec spec) {
        return projectPackage(spec).replace('.', '/');
    }

    /**
     * The longest string literal the embedded schema is cut into: a class file holds a string
     * constant of at most 65,535 bytes, and a char takes up to 3 of them.
     */
    private static final int SCHEMA_PART = 16_000;

    /** The JSON conversions every stub shares, by path under the Java root (the checks are dev.flowctl:runtime's). */
    static Map<String, String> runtime() {
        return Map.of(RUNTIME_PACKAGE.replace('.', '/') + "/FlowInputs.java", CodegenResources.text("runtime/FlowInputs.java.txt"));
    }

    /**
     * The stub of one version: {@code path} under the Java root, and its source. The contract's
     * inputs come in the order to generate them (the proto's field numbers, see
     * {@link ProtoModelBuilder.Contract}), so reordering flows.yaml changes nothing.
     */
    static Map.Entry<String, String> version(Spec spec, VersionSpec v, ProtoModelBuilder.Contract contract) {
        String pkg = packageOf(spec, v);
        String cls = ProtoModelBuilder.messageName(v);
        JavaWriter w = new JavaWriter();
        w.line("package " + pkg + ";");
        w.line("");
        w.line("import com.fasterxml.jackson.databind.JsonNode;");
        w.line("import com.fasterxml.jackson.databind.node.ObjectNode;");
        w.line("import " + RUNTIME_PACKAGE + ".FlowInputs;");
        w.line("import java.util.Objects;");
        w.line("import java.util.Optional;");
        w.line("");
        // The schema as apply records it, enum values in the contract's order: reordering flows.yaml rewrites nothing.
        String schema = SchemaJson.toJson(contract.inputs()).toString();
        ClassWriter writer = new ClassWriter(w, v.address().toString(), cls, "", contract);
        writer.deprecated = v.deprecated() == null ? null : v.address() + " is deprecated: " + v.deprecated().describe();
        writer.write(cls, contract.inputs(), schema,
                "Inputs of flow version " + v.address() + ": build one for a run, or parse the engine's JSON in flow code.");
        return Map.entry(pkg.replace('.', '/') + "/" + cls + ".java", w.toString());
    }

    /** Writes one immutable class (the version's inputs, or a struct's fields) with its builder. */
    private static final class ClassWriter {
        private final JavaWriter w;
        private final String address;
        /** The version's class, which holds the schema. */
        private final String top;
        private final String prefix;
        /** Enum constants (the proto constants without their prefix), comments and nested type names, by input path. */
        private final ProtoModelBuilder.Contract contract;
        /** For a deprecated version's class: the @deprecated text; null otherwise. */
        private String deprecated;

        ClassWriter(JavaWriter w, String address, String top, String prefix, ProtoModelBuilder.Contract contract) {
            this.w = w;
            this.address = address;
            this.top = top;
            this.prefix = prefix;
            this.contract = contract;
        }

        /** One input as a Java member. */
        private record Member(InputSpec in, String field, String type, String nested) {
        }

        /** Writes the class; {@code schemaJson} is the version's schema for its class, null for a struct's. */
        void write(String cls, List<InputSpec> inputs, String schemaJson, String doc) {
            List<Member> members = new ArrayList<>();
            Set<String> fields = new HashSet<>();
            for (InputSpec in : inputs) {
                String field = Naming.javaIdentifier(Naming.camel(in.name()));
                if (RESERVED_MEMBERS.contains(field)) field = field + "_";
                if (!fields.add(field)) {
                    // Unreachable from a valid spec: camelCase names are proto3 JSON names, unique per message.
                    throw new CodegenException(ErrorCode.CODEGEN_NAME_CLASH, address + " input '" + prefix + in.name()
                            + "' becomes the same Java name as another input; rename one.");
                }
                String nested = contract.typeNames().get(prefix + in.name());
                members.add(new Member(in, field, javaType(in.type(), nested), nested));
            }
            boolean isTop = schemaJson != null;
            if (isTop && deprecated != null) {
                // Callers see the warning where they build inputs; the text is flows.yaml's, escaped for Javadoc.
                w.line("/**");
                w.line(" * " + doc);
                w.line(" *");
                w.line(" * @deprecated " + FieldComments.escapeJavadoc(String.join(" ", FieldComments.lines(deprecated))));
                w.line(" */");
                w.line("@Deprecated");
            } else {
                w.line("/** " + doc + " */");
            }
            w.open("public " + (isTop ? "" : "static ") + "final class " + cls);
            schema(schemaJson);
            for (Member m : members) nestedTypes(m);
            for (Member m : members) constants(m);
            for (Member m : members) w.line("private final " + m.type + " " + m.field + ";");
            w.line("");
            w.open("private " + cls + "(Builder b)");
            for (Member m : members) w.line("this." + m.field + " = " + (isCollection(m.in.type()) ? "FlowInputs.copy(b." + m.field + ")" : "b." + m.field) + ";");
            w.close();
            for (Member m : members) getter(m);
            w.line("");
            w.line("/** A builder with nothing set. */");
            w.line("public static Builder builder() { return new Builder(); }");
            w.line("");
            w.line("/** A builder holding this one's values, to derive a changed copy. */");
            w.open("public Builder toBuilder()");
            w.line("Builder b = new Builder();");
            for (Member m : members) w.line("b." + m.field + " = this." + m.field + ";");
            w.line("return b;");
            w.close();
            w.line("");
            w.line("/** The JSON object the engine receives; inputs left unset are left out, so the flow applies its defaults. */");
            w.open("public ObjectNode toJsonNode()");
            w.line("ObjectNode o = FlowInputs.newObject();");
            for (Member m : members) {
                w.line("if (this." + m.field + " != null) o.set(\"" + m.in.name() + "\", " + writer(m.in.type(), "this." + m.field, 1) + ");");
            }
            w.line("return o;");
            w.close();
            w.line("");
            w.line("/** Checks the JSON object the engine received as a run start does (members it does not know are ignored), and reads it. */");
            w.open("public static " + cls + " fromJsonNode(JsonNode node)");
            w.line("SCHEMA.check(node);");
            w.line("return read(node);");
            w.close();
            w.line("");
            w.line("/** Reads JSON that passed the check (or a default from flows.yaml). */");
            w.open("private static " + cls + " read(JsonNode node)");
            w.line("Builder b = new Builder();");
            w.line("JsonNode n;");
            for (Member m : members) {
                w.line("if ((n = FlowInputs.member(node, \"" + m.in.name() + "\")) != null) b." + m.field + " = "
                        + reader(m.in.type(), m.nested, "n", 1) + ";");
            }
            w.line("return new " + cls + "(b);");
            w.close();
            if (isTop) {
                w.line("");
                w.line("/** The execution input as JSON text. */");
                w.line("public String toJson() { return FlowInputs.write(toJsonNode()); }");
                w.line("");
                w.line("/** Parses and checks execution input JSON text. */");
                w.open("public static " + cls + " fromJson(String json)");
                w.line("return fromJsonNode(FlowInputs.parse(json));");
                w.close();
            }
            objectMethods(cls, members);
            builder(cls, members);
            w.close();
        }

        /**
         * The SCHEMA constant, first in the class so that it is set before any default is read: the
         * version's schema JSON, or for a struct's class its part of the version's schema.
         */
        private void schema(String schemaJson) {
            String type = "private static final dev.flowctl.runtime.InputSchema SCHEMA = ";
            if (schemaJson == null) {
                w.line(type + top + ".SCHEMA.struct(" + literal(prefix.substring(0, prefix.length() - 1)) + ");");
                return;
            }
            w.line("/** The version's input schema as flowctl apply records it: checked by flowctl's own rules (dev.flowctl:runtime). */");
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < schemaJson.length(); ) {
                int end = Math.min(schemaJson.length(), i + SCHEMA_PART);
                if (end < schemaJson.length() && Character.isHighSurrogate(schemaJson.charAt(end - 1))) end--;
                parts.add(literal(schemaJson.substring(i, end)));
                i = end;
            }
            if (parts.size() == 1) {
                w.line(type + "FlowInputs.schema(" + parts.get(0) + ");");
            } else {
                w.line(type + "FlowInputs.schema(");
                for (int i = 0; i < parts.size(); i++) w.line("        " + parts.get(i) + (i + 1 < parts.size() ? "," : ");"));
            }
        }

        private void nestedTypes(Member m) {
            TypeRef inner = m.in.type().innermost();
            if (inner instanceof TypeRef.EnumType e) {
                enumType(m, e);
            } else if (inner instanceof TypeRef.StructType s) {
                w.line("");
                new ClassWriter(w, address, top, prefix + m.in.name() + ".", contract).write(m.nested, s.fields(), null,
                        "Fields of input " + prefix + m.in.name() + ".");
            }
        }

        private void enumType(Member m, TypeRef.EnumType e) {
            w.line("");
            w.line("/** Values of input " + prefix + m.in.name() + ", each sent to the engine as written in flows.yaml. */");
            w.open("public enum " + m.nested);
            Map<String, String> constants = contract.enumConstants().get(prefix + m.in.name());
            List<String> entries = new ArrayList<>();
            for (String value : e.values()) entries.add(constants.get(value) + "(\"" + value + "\")");
            w.line(String.join(", ", entries) + ";");
            w.line("");
            w.line("private final String value;");
            w.line("");
            w.line(m.nested + "(String value) { this.value = value; }");
            w.line("");
            w.line("/** The value as written in flows.yaml and in the engine's JSON. */");
            w.line("public String value() { return value; }");
            w.line("");
            w.open("static " + m.nested + " of(String value)");
            w.line("for (" + m.nested + " v : values()) if (v.value.equals(value)) return v;");
            w.line("throw new IllegalArgumentException(\"not a value of " + prefix + m.in.name() + ": \" + value); // the check let it through: unreachable");
            w.close();
            w.close();
        }

        private void constants(Member m) {
            if (m.in.hasDefault()) {
                String json = FieldComments.json(m.in.defaultValue());
                w.line("private static final " + m.type + " DEFAULT_" + Naming.upper(m.in.name()) + " = "
                        + reader(m.in.type(), m.nested, "FlowInputs.parse(" + literal(json) + ")", 1) + ";");
            }
        }

        private void getter(Member m) {
            w.line("");
            w.line("/** " + contract.comments().get(prefix + m.in.name()).javadoc() + " */");
            if (m.in.required()) {
                w.line("public " + m.type + " " + m.field + "() { return " + m.field + "; }");
            } else if (m.in.hasDefault()) {
                w.line("public " + m.type + " " + m.field + "() { return " + m.field + " != null ? " + m.field + " : DEFAULT_"
                        + Naming.upper(m.in.name()) + "; }");
            } else {
                w.line("public Optional<" + m.type + "> " + m.field + "() { return Optional.ofNullable(" + m.field + "); }");
            }
        }

        private void objectMethods(String cls, List<Member> members) {
            w.line("");
            w.line("@Override");
            w.open("public boolean equals(Object o)");
            w.line("if (this == o) return true;");
            w.line("if (!(o instanceof " + cls + ")) return false;");
            List<String> eq = members.stream().map(m -> "Objects.equals(this." + m.field + ", other." + m.field + ")").toList();
            w.line(cls + " other = (" + cls + ") o;");
            w.line("return " + (eq.isEmpty() ? "true" : String.join(" && ", eq)) + ";");
            w.close();
            w.line("");
            w.line("@Override");
            w.line("public int hashCode() { return Objects.hash(" + String.join(", ", members.stream().map(m -> "this." + m.field).toList()) + "); }");
            w.line("");
            w.line("@Override");
            w.line("public String toString() { return \"" + cls + "\" + FlowInputs.write(toJsonNode()); }");
        }

        private void builder(String cls, List<Member> members) {
            w.line("");
            w.line("/** Collects inputs; {@link #build()} checks them as a run start does. */");
            w.open("public static final class Builder");
            for (Member m : members) w.line("private " + m.type + " " + m.field + ";");
            w.line("");
            w.line("private Builder() { }");
            for (Member m : members) {
                w.line("");
                w.line("public Builder " + m.field + "(" + m.type + " " + m.field + ") { this." + m.field + " = " + m.field + "; return this; }");
            }
            w.line("");
            w.line("/** The checked, immutable inputs; throws dev.flowctl.runtime.InvalidInputException naming every violation. */");
            w.open("public " + cls + " build()");
            w.line(cls + " built = new " + cls + "(this);");
            w.line("SCHEMA.check(built.toJsonNode());");
            w.line("return built;");
            w.close();
            w.close();
        }
    }
}
