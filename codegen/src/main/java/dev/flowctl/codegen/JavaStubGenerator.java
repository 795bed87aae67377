package dev.flowctl.codegen;

import static dev.flowctl.codegen.JavaExpressions.check;
import static dev.flowctl.codegen.JavaExpressions.isCollection;
import static dev.flowctl.codegen.JavaExpressions.javaType;
import static dev.flowctl.codegen.JavaExpressions.literal;
import static dev.flowctl.codegen.JavaExpressions.reader;
import static dev.flowctl.codegen.JavaExpressions.writer;

import dev.flowctl.spec.InputSpec;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.TypeRef;
import dev.flowctl.spec.VersionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Java stubs per flow version: an immutable input type whose builder enforces required inputs,
 * enum values, patterns and ranges, and which converts to and from the JSON document the engine
 * receives as execution input. Nested structs and enums become nested types.
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

    /** The shared runtime (checks and JSON conversions), by path under the Java root. */
    static Map<String, String> runtime() {
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : List.of("FlowInputs", "InvalidInputException")) {
            files.put(RUNTIME_PACKAGE.replace('.', '/') + "/" + name + ".java", resource("runtime/" + name + ".java.txt"));
        }
        return files;
    }

    private static String resource(String name) {
        try (InputStream in = JavaStubGenerator.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("codegen resource " + name + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        w.line("import " + RUNTIME_PACKAGE + ".InvalidInputException;");
        w.line("import java.util.Objects;");
        w.line("import java.util.Optional;");
        w.line("");
        new ClassWriter(w, v.address().toString(), "", contract).write(cls, contract.inputs(), true,
                "Inputs of flow version " + v.address() + ": build one for a run, or parse the engine's JSON in flow code.");
        return Map.entry(pkg.replace('.', '/') + "/" + cls + ".java", w.toString());
    }

    /** Writes one immutable class (the version's inputs, or a struct's fields) with its builder. */
    private static final class ClassWriter {
        private final JavaWriter w;
        private final String address;
        private final String prefix;
        /** Enum constants (the proto constants without their prefix), comments and nested type names, by input path. */
        private final ProtoModelBuilder.Contract contract;

        ClassWriter(JavaWriter w, String address, String prefix, ProtoModelBuilder.Contract contract) {
            this.w = w;
            this.address = address;
            this.prefix = prefix;
            this.contract = contract;
        }

        /** One input as a Java member. */
        private record Member(InputSpec in, String field, String type, String nested, String where) {
        }

        void write(String cls, List<InputSpec> inputs, boolean top, String doc) {
            List<Member> members = new ArrayList<>();
            Set<String> fields = new HashSet<>();
            for (InputSpec in : inputs) {
                String field = Naming.javaIdentifier(Naming.camel(in.name()));
                if (RESERVED_MEMBERS.contains(field)) field = field + "_";
                if (!fields.add(field)) {
                    // Unreachable from a valid spec: camelCase names are proto3 JSON names, unique per message.
                    throw new CodegenException(address + " input '" + prefix + in.name()
                            + "' becomes the same Java name as another input; rename one.");
                }
                String nested = contract.typeNames().get(prefix + in.name());
                String where = address + " input '" + prefix + in.name() + "'";
                members.add(new Member(in, field, javaType(in.type(), nested), nested, where));
            }
            w.line("/** " + doc + " */");
            w.open("public " + (top ? "" : "static ") + "final class " + cls);
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
            w.line("/** Reads and checks the JSON object the engine received; unknown members are ignored. */");
            w.open("public static " + cls + " fromJsonNode(JsonNode node)");
            w.line("FlowInputs.object(node, \"" + (top ? address + " inputs" : address + " input '" + prefix.substring(0, prefix.length() - 1) + "'") + "\");");
            w.line("Builder b = new Builder();");
            w.line("JsonNode n;");
            for (Member m : members) {
                w.line("if ((n = FlowInputs.member(node, \"" + m.in.name() + "\")) != null) b." + m.field + " = "
                        + reader(m.in.type(), m.nested, "n", literal(m.where), 1) + ";");
            }
            w.line("return b.build();");
            w.close();
            if (top) {
                w.line("");
                w.line("/** The execution input as JSON text. */");
                w.line("public String toJson() { return FlowInputs.write(toJsonNode()); }");
                w.line("");
                w.line("/** Parses and checks execution input JSON text. */");
                w.open("public static " + cls + " fromJson(String json)");
                w.line("return fromJsonNode(FlowInputs.parse(json, \"" + address + " inputs\"));");
                w.close();
            }
            objectMethods(cls, members);
            builder(cls, members);
            w.close();
        }

        private void nestedTypes(Member m) {
            TypeRef inner = m.in.type().innermost();
            if (inner instanceof TypeRef.EnumType e) {
                enumType(m, e);
            } else if (inner instanceof TypeRef.StructType s) {
                w.line("");
                new ClassWriter(w, address, prefix + m.in.name() + ".", contract).write(m.nested, s.fields(), false,
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
            w.open("static " + m.nested + " of(String value, String where)");
            w.line("for (" + m.nested + " v : values()) if (v.value.equals(value)) return v;");
            w.line("throw new InvalidInputException(where + \" must be one of " + String.join(", ", e.values())
                    + "; got \\\"\" + value + \"\\\".\");");
            w.close();
            w.close();
        }

        private void constants(Member m) {
            TypeRef inner = m.in.type().innermost();
            String upper = Naming.upper(m.in.name());
            if (inner instanceof TypeRef.CustomType c && c.pattern() != null) {
                // RE2/J through FlowInputs.Pattern: linear time, and the same results as flowctl's own check.
                w.line("private static final FlowInputs.Pattern PATTERN_" + upper + " = FlowInputs.Pattern.compile("
                        + literal(c.pattern()) + ");");
            }
            if (m.in.hasDefault()) {
                String json = FieldComments.json(m.in.defaultValue());
                w.line("private static final " + m.type + " DEFAULT_" + upper + " = "
                        + reader(m.in.type(), m.nested, "FlowInputs.parse(" + literal(json) + ", \"default\")", literal(m.where), 1) + ";");
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
            w.line("/** Collects inputs; {@link #build()} checks them against flows.yaml. */");
            w.open("public static final class Builder");
            for (Member m : members) w.line("private " + m.type + " " + m.field + ";");
            w.line("");
            w.line("private Builder() { }");
            for (Member m : members) {
                w.line("");
                w.line("public Builder " + m.field + "(" + m.type + " " + m.field + ") { this." + m.field + " = " + m.field + "; return this; }");
            }
            w.line("");
            w.line("/** The checked, immutable inputs; throws InvalidInputException naming the input and the rule. */");
            w.open("public " + cls + " build()");
            for (Member m : members) {
                if (m.in.required()) w.line("FlowInputs.required(" + m.field + ", " + literal(m.where) + ", \"" + m.field + "\");");
                String check = check(m.in.type(), m.field, literal(m.where), Naming.upper(m.in.name()), 1);
                if (check != null) w.line(check + ";");
            }
            w.line("return new " + cls + "(this);");
            w.close();
            w.close();
        }
    }
}
