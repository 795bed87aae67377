package dev.flowctl.codegen;

import static dev.flowctl.codegen.PythonSyntax.comment;
import static dev.flowctl.codegen.PythonSyntax.identifier;
import static dev.flowctl.codegen.PythonSyntax.literal;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.spec.InputSpec;
import dev.flowctl.spec.TypeRef;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;


/**
 * One dataclass of a version's module: the version's inputs, or a struct's fields, with its nested
 * enums and dataclasses, the conversions from and to canonical JSON, and (for the inputs) the
 * methods that call the module's SCHEMA and PROTO.
 */
final class PythonClassWriter {
    /** Members of every generated class: an input of that name gets a trailing underscore. */
    private static final Set<String> RESERVED_MEMBERS = Set.of("to_dict", "to_json", "to_proto_json", "violations", "from_dict",
            "from_json", "from_proto_json");
    /** Builtins an annotation names: a field of the same name would hide them in its class, so they are written builtins.X there. */
    private static final Set<String> BUILTINS = Set.of("str", "int", "float", "bool", "bytes", "object");

    private final PythonWriter w;
    private final String address;
    private final ProtoModelBuilder.Contract contract;
    /** The class's name, and its name from the module ({@code FleetFeaturesInput.Limits}). */
    private final String name;
    private final String qualified;
    /** The input path of the struct with a dot ({@code limits.}), empty for the inputs. */
    private final String prefix;
    /** Builtins a field of this class hides, so annotations write them builtins.X. */
    private final Set<String> hidden = new HashSet<>();

    PythonClassWriter(PythonWriter w, String address, ProtoModelBuilder.Contract contract, String name, String qualified, String prefix) {
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
            String attr = attribute(in.name());
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

    /** The dataclass field of an input: its name, unless a keyword or a generated member takes it. */
    private static String attribute(String input) {
        String attr = identifier(input);
        return RESERVED_MEMBERS.contains(attr) ? attr + "_" : attr;
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
            new PythonClassWriter(w, address, contract, m.nested, qualified + "." + m.nested, prefix + m.in.name() + ".")
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
        return switch (ProtoModelBuilder.primitiveOf(t)) {
            case STRING -> builtin("str");
            case INT -> builtin("int");
            case FLOAT -> builtin("float");
            case BOOL -> builtin("bool");
            case DATE -> "_dt.date";
            case TIMESTAMP -> "_rt.Timestamp";
        };
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
                String attr = attribute(f.name());
                String fieldPath = path + "." + f.name();
                String nested = contract.typeNames().get(fieldPath);
                args.add(attr + "=" + value(f.type(), given.get(f.name()), fieldPath, type + "." + nested));
            }
            return type + "(" + String.join(", ", args) + ")";
        }
        return switch (ProtoModelBuilder.primitiveOf(t)) {
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
        return switch (ProtoModelBuilder.primitiveOf(t)) {
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
