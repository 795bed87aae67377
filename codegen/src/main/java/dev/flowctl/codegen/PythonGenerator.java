package dev.flowctl.codegen;

import dev.flowctl.errors.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flowctl.spec.InputSpec;
import dev.flowctl.spec.SchemaJson;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.TypeRef;
import dev.flowctl.spec.VersionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Python modules per flow version ({@code <project>/flows/<flow>/<version>.py}, with the packages'
 * {@code __init__.py}): a dataclass per input message, an enum.Enum per enum input, and the check
 * and JSON mapping as data for the shared runtime ({@code flowctl_contract.py}, a port of
 * runtime's InputSchema and of ProtoInputs' proto3 JSON spelling). The rules are written from the
 * schema JSON state records (SchemaJson), as flowctl run and the gateway compile it, so the two
 * checks read the same thing; the classes and the proto mapping from the version's contract, so
 * names and constants are the ones flows.lock pins.
 */
final class PythonGenerator {
    static final String RUNTIME = "flowctl_contract";
    /** Python's keywords: an identifier that is one gets a trailing underscore ({@code class} -> {@code class_}). */
    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async", "await",
            "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
            "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield");
    /** Members of every generated class: an input of that name gets a trailing underscore. */
    private static final Set<String> RESERVED_MEMBERS = Set.of("to_dict", "to_json", "to_proto_json", "violations", "from_dict",
            "from_json", "from_proto_json");
    /** Builtins an annotation names: a field of the same name would hide them in its class, so they are written builtins.X there. */
    private static final Set<String> BUILTINS = Set.of("str", "int", "float", "bool", "bytes", "object");
    /**
     * Top-level modules of Python's standard library (3.8 to 3.13, sys.stdlib_module_names) and the runtime: a
     * project package of that name would hide the module from every program with the generated code on its path.
     */
    private static final Set<String> STDLIB = Set.of(resource("python-stdlib-modules.txt").split("\\s+"));

    private PythonGenerator() {
    }

    /** The project's package: its name, or with a trailing underscore where that would hide a module of the standard library. */
    static String projectPackage(Spec spec) {
        String p = identifier(spec.project());
        return STDLIB.contains(p) || p.equals(RUNTIME) ? p + "_" : p;
    }

    /** The folder (under python/) of every version module of the project; no other project shares it. */
    static String projectFolder(Spec spec) {
        return projectPackage(spec) + "/flows";
    }

    /** The shared runtime, by path under the Python root. */
    static Map<String, String> runtime() {
        return Map.of(RUNTIME + ".py", resource("runtime/" + RUNTIME + ".py.txt"));
    }

    /** The module of one version and the __init__.py of each package above it, by path under the Python root. */
    static Map<String, String> version(Spec spec, VersionSpec v, ProtoModelBuilder.Contract contract) {
        String project = projectPackage(spec);
        String flow = identifier(v.flow());
        Map<String, String> files = new LinkedHashMap<>();
        files.put(project + "/__init__.py", "\"\"\"Generated contracts of flowctl project " + spec.project() + ".\"\"\"\n");
        files.put(project + "/flows/__init__.py", "\"\"\"The flows of project " + spec.project() + ", one package per flow.\"\"\"\n");
        files.put(project + "/flows/" + flow + "/__init__.py", "\"\"\"Versions of flow " + v.flow() + ", one module per version.\"\"\"\n");
        files.put(project + "/flows/" + flow + "/" + identifier(v.name()) + ".py", new ModuleWriter(spec, v, contract).write());
        return files;
    }

    /** A Python identifier that is not a keyword. */
    static String identifier(String name) {
        return KEYWORDS.contains(name) ? name + "_" : name;
    }

    private static String resource(String name) {
        try (InputStream in = PythonGenerator.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("codegen resource " + name + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Python string literal of any Java string: printable ASCII as is, everything else escaped. */
    static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') b.append('\\').append((char) c);
            else if (c >= 0x20 && c < 0x7f) b.append((char) c);
            else if (c < 0x10000) b.append(String.format("\\u%04x", c));
            else b.append(String.format("\\U%08x", c));
        });
        return b.append('"').toString();
    }

    /** A line of free text as a comment: control characters (which would end the comment) become spaces. */
    static String comment(String text) {
        return "# " + text.codePoints().map(c -> c < 0x20 || c == 0x7f ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().stripTrailing();
    }

    /** A JSON value as a Python literal (the schema's defaults). */
    static String json(JsonNode n) {
        if (n == null || n.isNull()) return "None";
        if (n.isBoolean()) return n.booleanValue() ? "True" : "False";
        if (n.isIntegralNumber()) return n.bigIntegerValue().toString();
        if (n.isNumber()) return Double.toString(n.doubleValue());
        if (n.isTextual()) return literal(n.textValue());
        if (n.isArray()) {
            List<String> items = new ArrayList<>();
            n.forEach(e -> items.add(json(e)));
            return "[" + String.join(", ", items) + "]";
        }
        List<String> items = new ArrayList<>();
        n.properties().forEach(e -> items.add(literal(e.getKey()) + ": " + json(e.getValue())));
        return "{" + String.join(", ", items) + "}";
    }

    /** Indented Python source. */
    private static final class Writer {
        private final StringBuilder b = new StringBuilder();
        private int depth;

        void line(String text) {
            if (!text.isEmpty()) b.append("    ".repeat(depth)).append(text);
            b.append('\n');
        }

        void indent() {
            depth++;
        }

        void dedent() {
            depth--;
        }
    }

    /** Writes one version's module. */
    private static final class ModuleWriter {
        private final Spec spec;
        private final VersionSpec v;
        private final ProtoModelBuilder.Contract contract;
        private final String address;
        private final Writer w = new Writer();

        ModuleWriter(Spec spec, VersionSpec v, ProtoModelBuilder.Contract contract) {
            this.spec = spec;
            this.v = v;
            this.contract = contract;
            this.address = v.address().toString();
        }

        String write() {
            String cls = ProtoModelBuilder.messageName(v);
            w.line("\"\"\"Inputs of flow version " + address + " (project " + spec.project() + "), typed and checked.");
            w.line("");
            w.line("Flow code reads its input with " + cls + ".from_json(text) or .from_dict(value); callers build");
            w.line(cls + "(...) and send .to_json() (the canonical engine JSON) or .to_proto_json(). Every refusal raises");
            w.line("flowctl_contract.InvalidInputError naming each violation as flowctl run and the gateway do.");
            w.line("\"\"\"");
            w.line("from __future__ import annotations");
            w.line("");
            w.line("@IMPORTS@");
            w.line("import " + RUNTIME + " as _rt");
            w.line("");
            w.line("__all__ = [\"ADDRESS\", \"SCHEMA\", \"PROTO\", " + literal(cls) + "]");
            w.line("");
            w.line("ADDRESS = " + literal(address));
            w.line("");
            w.line("");
            new ClassWriter(w, address, contract, cls, cls, "").write(contract.inputs(), true, "Inputs of flow version " + address + ".");
            w.line("");
            w.line("");
            w.line("# The check, from the schema flowctl records in state: inputs in name order, as flowctl checks them.");
            w.line("SCHEMA = " + struct(SchemaJson.toJson(v.inputs()), "", 0));
            w.line("");
            w.line("# The proto3 JSON mapping of the contract: field json names, kinds, enum constants.");
            w.line("PROTO = " + proto(contract.file().messages().get(0), 0));
            String body = w.b.toString();
            // Only the modules the module uses, so linters run on generated code find nothing unused.
            StringBuilder imports = new StringBuilder();
            for (String[] m : new String[][] {{"builtins", "_b"}, {"dataclasses", "_dc"}, {"datetime", "_dt"}, {"enum", "_enum"}, {"typing", "_t"}}) {
                if (body.contains(m[1] + ".")) imports.append("import ").append(m[0]).append(" as ").append(m[1]).append('\n');
            }
            return body.replace("@IMPORTS@\n", imports.append('\n').toString());
        }

        // ---- the check, as data (mirrors InputSchema.struct/rule/custom) ----

        private String struct(JsonNode fields, String where, int depth) {
            String pad = "    ".repeat(depth + 1);
            List<String> members = new ArrayList<>();
            for (JsonNode f : fields) {
                String name = f.path("name").asText();
                String at = where.isEmpty() ? name : where + "." + name;
                StringBuilder m = new StringBuilder("_rt.Member(" + literal(name) + ", " + rule(f.path("type"), at, depth + 1));
                if (f.path("required").asBoolean(false)) m.append(", required=True");
                if (f.hasNonNull("default")) m.append(", default=").append(json(f.get("default")));
                members.add(pad + m + ")");
            }
            String list = members.isEmpty() ? "[]" : "[\n" + String.join(",\n", members) + ",\n" + "    ".repeat(depth) + "]";
            return "_rt.Struct(" + list + (where.isEmpty() ? "" : ", " + literal(where)) + ")";
        }

        private String rule(JsonNode t, String at, int depth) {
            String kind = t.path("kind").asText();
            return switch (kind) {
                case "string" -> "_rt.Text()";
                case "int" -> "_rt.Int()";
                case "float" -> "_rt.Float()";
                case "bool" -> "_rt.Bool()";
                case "date" -> "_rt.Date()";
                case "timestamp" -> "_rt.TimestampRule()";
                case "enum" -> {
                    List<String> values = new ArrayList<>();
                    t.path("values").forEach(x -> values.add(literal(x.asText())));
                    yield "_rt.Enumeration([" + String.join(", ", values) + "])";
                }
                case "list" -> "_rt.ListOf(" + rule(t.path("element"), at, depth) + ")";
                case "map" -> "_rt.MapOf(" + rule(t.path("value"), at, depth) + ")";
                case "struct" -> struct(t.path("fields"), at, depth);
                case "custom" -> custom(t, at);
                default -> throw new CodegenException(address + " input '" + at + "' has a type kind '" + kind + "' codegen does not know.");
            };
        }

        private String custom(JsonNode t, String at) {
            List<String> bounds = new ArrayList<>();
            // As InputSchema reads them, so the messages print the same text.
            if (t.hasNonNull("min")) bounds.add("min=" + literal(new BigDecimal(t.get("min").asText()).toPlainString()));
            if (t.hasNonNull("max")) bounds.add("max=" + literal(new BigDecimal(t.get("max").asText()).toPlainString()));
            String base = t.path("base").asText();
            return switch (base) {
                case "string" -> {
                    if (!t.hasNonNull("pattern")) yield "_rt.Text()";
                    String re2 = t.get("pattern").asText();
                    String python = PythonPatterns.translate(re2, address + " input '" + at + "'");
                    yield "_rt.Text(" + literal(re2) + (python.equals(re2) ? "" : ", " + literal(python)) + ")";
                }
                case "int" -> "_rt.Int(" + String.join(", ", bounds) + ")";
                case "float" -> "_rt.Float(" + String.join(", ", bounds) + ")";
                case "bool" -> "_rt.Bool()";
                case "date" -> "_rt.Date()";
                case "timestamp" -> "_rt.TimestampRule()";
                default -> throw new CodegenException(address + " input '" + at + "' has a custom base '" + base + "' codegen does not know.");
            };
        }

        // ---- the proto3 JSON mapping, as data ----

        private String proto(ProtoModel.Message m, int depth) {
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
                    b.append(", message=").append(proto(n, depth + 1));
                }
                fields.add(pad + literal(f.name()) + ": " + b + ")");
            }
            return "_rt.ProtoMessage({" + (fields.isEmpty() ? "" : "\n" + String.join(",\n", fields) + ",\n" + "    ".repeat(depth)) + "})";
        }
    }

    /** One dataclass: the version's inputs, or a struct's fields, with its nested enums and dataclasses. */
    private static final class ClassWriter {
        private final Writer w;
        private final String address;
        private final ProtoModelBuilder.Contract contract;
        /** The class's name, and its name from the module ({@code FleetFeaturesInput.Limits}). */
        private final String name;
        private final String qualified;
        /** The input path of the struct with a dot ({@code limits.}), empty for the inputs. */
        private final String prefix;
        /** Builtins a field of this class hides, so annotations write them builtins.X. */
        private final Set<String> hidden = new HashSet<>();

        ClassWriter(Writer w, String address, ProtoModelBuilder.Contract contract, String name, String qualified, String prefix) {
            this.w = w;
            this.address = address;
            this.contract = contract;
            this.name = name;
            this.qualified = qualified;
            this.prefix = prefix;
        }

        /** One input as a dataclass field: its attribute name and its nested type's name (or null). */
        private record Member(InputSpec in, String attr, String nested) {
        }

        void write(List<InputSpec> inputs, boolean top, String doc) {
            List<Member> members = new ArrayList<>();
            Set<String> attrs = new HashSet<>();
            for (InputSpec in : inputs) {
                String attr = identifier(in.name());
                if (RESERVED_MEMBERS.contains(attr)) attr = attr + "_";
                if (!attrs.add(attr)) {
                    throw new CodegenException(ErrorCode.CODEGEN_NAME_CLASH, address + " input '" + prefix + in.name() + "' becomes the same Python name as another input; rename one.");
                }
                if (BUILTINS.contains(attr)) hidden.add(attr);
                members.add(new Member(in, attr, contract.typeNames().get(prefix + in.name())));
            }
            w.line("@_dc.dataclass");
            w.line("class " + name + ":");
            w.indent();
            w.line("\"\"\"" + doc + "\"\"\"");
            for (Member m : members) nestedType(m);
            // Fields without a default first, as dataclasses require; each group in field-number order.
            List<Member> ordered = new ArrayList<>(members.stream().filter(m -> m.in.required()).toList());
            ordered.addAll(members.stream().filter(m -> !m.in.required()).toList());
            for (Member m : ordered) field(m);
            raw(members);
            of(members);
            if (top) topMethods();
            w.dedent();
        }

        private String builtin(String type) {
            return hidden.contains(type) ? "_b." + type : type;
        }

        private void nestedType(Member m) {
            TypeRef inner = m.in.type().innermost();
            if (inner instanceof TypeRef.EnumType e) {
                w.line("");
                w.line("class " + m.nested + "(_enum.Enum):");
                w.indent();
                w.line("\"\"\"Values of input " + prefix + m.in.name() + ", each sent to the engine as written in flows.yaml.\"\"\"");
                w.line("");
                Map<String, String> constants = contract.enumConstants().get(prefix + m.in.name());
                for (String value : e.values()) w.line(constants.get(value) + " = " + literal(value));
                w.dedent();
            } else if (inner instanceof TypeRef.StructType s) {
                w.line("");
                new ClassWriter(w, address, contract, m.nested, qualified + "." + m.nested, prefix + m.in.name() + ".")
                        .write(s.fields(), false, "Fields of input " + prefix + m.in.name() + ".");
            }
        }

        private void field(Member m) {
            w.line("");
            FieldComments.Comment c = contract.comments().get(prefix + m.in.name());
            if (c != null) {
                for (String line : c.description()) if (!line.isBlank()) w.line(comment(line));
                for (String fact : c.facts()) w.line(comment(fact));
            }
            String type = annotation(m.in.type(), m.nested);
            if (m.in.required()) {
                w.line(m.attr + ": " + type);
            } else if (!m.in.hasDefault()) {
                w.line(m.attr + ": _t.Optional[" + type + "] = None");
            } else {
                w.line(m.attr + ": " + type + " = " + defaultValue(m));
            }
        }

        private String annotation(TypeRef t, String nested) {
            if (t instanceof TypeRef.ListType l) return "_t.List[" + annotation(l.element(), nested) + "]";
            if (t instanceof TypeRef.MapType mt) return "_t.Dict[" + builtin("str") + ", " + annotation(mt.value(), nested) + "]";
            if (t instanceof TypeRef.EnumType || t instanceof TypeRef.StructType) return qualified + "." + nested;
            return switch (primitive(t)) {
                case STRING -> builtin("str");
                case INT -> builtin("int");
                case FLOAT -> builtin("float");
                case BOOL -> builtin("bool");
                case DATE -> "_dt.date";
                case TIMESTAMP -> "_rt.Timestamp";
            };
        }

        private static TypeRef.Primitive primitive(TypeRef t) {
            return t instanceof TypeRef.CustomType c ? c.base() : (TypeRef.Primitive) t;
        }

        /** The field's default: a value, or a factory where the value is mutable. */
        private String defaultValue(Member m) {
            TypeRef t = m.in.type();
            String path = prefix + m.in.name();
            if (t instanceof TypeRef.ListType && ((List<?>) m.in.defaultValue()).isEmpty()) return "_dc.field(default_factory=list)";
            if (t instanceof TypeRef.MapType && ((Map<?, ?>) m.in.defaultValue()).isEmpty()) return "_dc.field(default_factory=dict)";
            if (t instanceof TypeRef.ListType || t instanceof TypeRef.MapType || t instanceof TypeRef.StructType) {
                // Runs after the module is loaded, so types are named from the module.
                return "_dc.field(default_factory=lambda: " + value(t, m.in.defaultValue(), path, qualified + "." + m.nested) + ")";
            }
            // Runs in the class body, where the class's own nested types are in scope by their names.
            return value(t, m.in.defaultValue(), path, m.nested);
        }

        /** A flows.yaml default as a Python expression of the field's type; {@code type} names the nested type. */
        private String value(TypeRef t, Object raw, String path, String type) {
            if (t instanceof TypeRef.ListType l) {
                return "[" + ((List<?>) raw).stream().map(e -> value(l.element(), e, path, type)).collect(Collectors.joining(", ")) + "]";
            }
            if (t instanceof TypeRef.MapType mt) {
                return "{" + ((Map<?, ?>) raw).entrySet().stream().map(e -> literal(String.valueOf(e.getKey())) + ": "
                        + value(mt.value(), e.getValue(), path, type)).collect(Collectors.joining(", ")) + "}";
            }
            if (t instanceof TypeRef.EnumType) return type + "." + contract.enumConstants().get(path).get(String.valueOf(raw));
            if (t instanceof TypeRef.StructType s) {
                List<String> args = new ArrayList<>();
                Map<?, ?> given = (Map<?, ?>) raw;
                for (InputSpec f : s.fields()) {
                    if (!given.containsKey(f.name()) || given.get(f.name()) == null) continue;
                    String attr = identifier(f.name());
                    if (RESERVED_MEMBERS.contains(attr)) attr = attr + "_";
                    String fieldPath = path + "." + f.name();
                    String nested = contract.typeNames().get(fieldPath);
                    args.add(attr + "=" + value(f.type(), given.get(f.name()), fieldPath, type + "." + nested));
                }
                return type + "(" + String.join(", ", args) + ")";
            }
            return switch (primitive(t)) {
                case STRING -> literal(String.valueOf(raw));
                case INT -> Long.toString(((Number) raw).longValue());
                case FLOAT -> Double.toString(((Number) raw).doubleValue());
                case BOOL -> Boolean.TRUE.equals(raw) ? "True" : "False";
                case DATE -> {
                    LocalDate d = LocalDate.parse(String.valueOf(raw));
                    yield "_dt.date(" + d.getYear() + ", " + d.getMonthValue() + ", " + d.getDayOfMonth() + ")";
                }
                case TIMESTAMP -> "_rt.timestamp(" + literal(String.valueOf(raw)) + ")";
            };
        }

        /** The field's canonical JSON value {@code e} as the field's type. */
        private String conversion(TypeRef t, String e, String nested, int depth) {
            String x = "x" + depth;
            if (t instanceof TypeRef.ListType l) return "[" + conversion(l.element(), x, nested, depth + 1) + " for " + x + " in " + e + "]";
            if (t instanceof TypeRef.MapType mt) {
                String k = "k" + depth;
                return "{" + k + ": " + conversion(mt.value(), x, nested, depth + 1) + " for " + k + ", " + x + " in " + e + ".items()}";
            }
            if (t instanceof TypeRef.EnumType) return qualified + "." + nested + "(" + e + ")";
            if (t instanceof TypeRef.StructType) return qualified + "." + nested + "._of(" + e + ")";
            return switch (primitive(t)) {
                case DATE -> "_rt.date(" + e + ")";
                case TIMESTAMP -> "_rt.timestamp(" + e + ")";
                default -> e;
            };
        }

        private void raw(List<Member> members) {
            w.line("");
            w.line("def _raw(self) -> _t.Dict[" + builtin("str") + ", " + builtin("object") + "]:");
            w.indent();
            w.line("raw: _t.Dict[" + builtin("str") + ", " + builtin("object") + "] = {}");
            for (Member m : members) {
                w.line("if self." + m.attr + " is not None:");
                w.line("    raw[" + literal(m.in.name()) + "] = _rt.to_json_value(self." + m.attr + ")");
            }
            w.line("return raw");
            w.dedent();
        }

        private void of(List<Member> members) {
            w.line("");
            w.line("@classmethod");
            w.line("def _of(cls, c: _t.Mapping[" + builtin("str") + ", _t.Any]) -> " + qualified + ":");
            w.indent();
            if (members.isEmpty()) {
                w.line("return cls()");
            } else {
                w.line("return cls(");
                for (Member m : members) {
                    String key = literal(m.in.name());
                    String value = conversion(m.in.type(), "c[" + key + "]", m.nested, 1);
                    // Canonical JSON holds every required input and every default; only the rest may be absent.
                    if (!m.in.required() && !m.in.hasDefault()) value = "None if c.get(" + key + ") is None else " + value;
                    w.line("    " + m.attr + "=" + value + ",");
                }
                w.line(")");
            }
            w.dedent();
        }

        private void topMethods() {
            String str = builtin("str");
            String dict = "_t.Dict[" + str + ", " + builtin("object") + "]";
            method("def to_dict(self) -> " + dict + ":",
                    "The canonical engine JSON as Python values, defaults applied; raises InvalidInputError naming every violation.",
                    "return SCHEMA.check_input(self._raw())");
            method("def to_json(self) -> " + str + ":", "The canonical engine JSON text: what flowctl run and the gateway send the engine.",
                    "return _rt.write_json(self.to_dict())");
            method("def to_proto_json(self) -> " + dict + ":", "The proto3 JSON of the contract's message (json names, int64 as strings, enum constants).",
                    "return PROTO.proto_json(self.to_dict())");
            method("def violations(self) -> _t.List[_rt.InputViolation]:", "Every violation, as flowctl names them; empty when the input passes.",
                    "return SCHEMA.violations(self._raw())");
            method("def from_dict(cls, value: _t.Mapping[" + str + ", " + builtin("object") + "]) -> " + qualified + ":",
                    "Checks canonical engine JSON given as Python values (json.load's) and reads it.",
                    "return cls._of(SCHEMA.check_input(value))");
            method("def from_json(cls, text: _t.Union[" + str + ", bytes]) -> " + qualified + ":",
                    "Parses, checks and reads canonical engine JSON text, as a flow receives it.",
                    "return cls._of(SCHEMA.check_json(text))");
            method("def from_proto_json(cls, value: _t.Union[" + str + ", bytes, _t.Mapping[" + str + ", " + builtin("object") + "]]) -> " + qualified + ":",
                    "Reads proto3 JSON (or any mix with canonical JSON), spelled canonically, then checked.",
                    "return cls._of(_rt.check_proto_json(SCHEMA, PROTO, value))");
        }

        private void method(String def, String doc, String body) {
            w.line("");
            if (def.startsWith("def from_")) w.line("@classmethod");
            w.line(def);
            w.indent();
            w.line("\"\"\"" + doc + "\"\"\"");
            w.line(body);
            w.dedent();
        }
    }
}
