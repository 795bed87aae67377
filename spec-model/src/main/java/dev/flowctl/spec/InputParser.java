package dev.flowctl.spec;

import dev.flowctl.errors.ErrorCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads {@code types:} and {@code inputs:}: type expressions, enum values, struct fields, defaults. */
final class InputParser {
    static final Set<String> INPUT_KEYS = Set.of("type", "required", "default", "description", "values", "fields");
    static final Set<String> TYPE_KEYS = Set.of("base", "pattern", "min", "max", "description");
    private static final List<String> KNOWN_BUILTIN = List.of("string", "int", "float", "bool", "date", "timestamp",
            "enum", "struct", "list", "map");
    private static final List<String> BUILTIN = List.of("string", "int", "float", "bool", "date", "timestamp",
            "enum", "struct", "list<T>", "map<string,T>");

    /** Type names from other languages, mapped to what flows.yaml calls them. */
    private static final Map<String, String> SYNONYMS = Map.of("integer", "int", "long", "int", "double", "float",
            "number", "float", "boolean", "bool", "str", "string", "text", "string", "datetime", "timestamp",
            "array", "list<T>", "dict", "map<string,T>");

    private final Problems problems;
    private final YamlMaps yaml;
    /** Each custom type's pattern compiled once, however many defaults it checks. */
    private final Map<String, com.google.re2j.Pattern> compiled = new java.util.HashMap<>();

    InputParser(Problems problems, YamlMaps yaml) {
        this.problems = problems;
        this.yaml = yaml;
    }

    Map<String, TypeRef.CustomType> customTypes(Node node) {
        Map<String, TypeRef.CustomType> types = new LinkedHashMap<>();
        yaml.mapping(node, "types", null).forEach((name, def) -> {
            if (!Names.TYPE.matcher(name).matches()) {
                problems.at(ErrorCode.SPEC_INVALID_NAME, yaml.keyOf(def), "invalid type name '" + name + "': " + Names.rule("type", Names.TYPE) + ".");
            } else if (primitive(name) != null || name.equals("enum") || name.equals("struct")
                    || name.equals("list") || name.equals("map")) {
                problems.at(ErrorCode.SPEC_INVALID_NAME, yaml.keyOf(def), "type name '" + name + "' is built in; choose another name.");
            }
            Map<String, Node> t = yaml.mapping(def, "type '" + name + "'", TYPE_KEYS);
            TypeRef.Primitive base = TypeRef.Primitive.STRING;
            if (!t.containsKey("base")) {
                problems.at(ErrorCode.SPEC_MISSING_KEY, def, "type '" + name + "' has no 'base:'; give the built-in type it narrows, e.g. base: string.");
            } else {
                String b = yaml.string(t.get("base"), "base");
                if (b != null) {
                    base = primitive(b);
                    if (base == null) {
                        problems.at(ErrorCode.SPEC_TYPE_INVALID, t.get("base"), "base '" + b + "' of type '" + name + "' must be one of string, int, float, date, timestamp.");
                        base = TypeRef.Primitive.STRING;
                    }
                }
            }
            String pattern = null;
            if (t.containsKey("pattern")) {
                pattern = yaml.string(t.get("pattern"), "pattern");
                if (base != TypeRef.Primitive.STRING) {
                    problems.at(ErrorCode.SPEC_KEY_NOT_FOR_TYPE, t.get("pattern"), "'pattern' applies only to base: string; type '" + name + "' has base " + base.display() + ".");
                } else if (pattern != null) {
                    String why = UserPatterns.problem(pattern);
                    if (why != null) {
                        problems.at(ErrorCode.SPEC_PATTERN_INVALID, t.get("pattern"), "pattern of type '" + name + "' " + why + ".");
                        pattern = null; // reported; defaults of this type are not checked against it
                    }
                }
            }
            BigDecimal min = bound(t.get("min"), "min", name, base);
            BigDecimal max = bound(t.get("max"), "max", name, base);
            if (min != null && max != null && min.compareTo(max) > 0) {
                problems.at(ErrorCode.SPEC_BOUNDS_INVALID, t.get("min"), "type '" + name + "' has min " + min + " above max " + max + ".");
            }
            types.put(name, new TypeRef.CustomType(name, base, pattern, min, max));
        });
        return types;
    }

    private BigDecimal bound(Node node, String what, String type, TypeRef.Primitive base) {
        if (node == null) return null;
        if (base != TypeRef.Primitive.INT && base != TypeRef.Primitive.FLOAT) {
            problems.at(ErrorCode.SPEC_KEY_NOT_FOR_TYPE, node, "'" + what + "' applies only to base: int or float; type '" + type + "' has base " + base.display() + ".");
            return null;
        }
        if (node instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            try {
                return new BigDecimal(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problems.at(ErrorCode.SPEC_BOUNDS_INVALID, node, "'" + what + "' of type '" + type + "' must be a number, not " + YamlMaps.describe(node) + ".");
        return null;
    }

    List<InputSpec> inputs(Node node, String where, Map<String, TypeRef.CustomType> types) {
        List<InputSpec> out = new ArrayList<>();
        Set<String> lower = new HashSet<>();
        if (node instanceof MappingNode m && m.getValue().size() > Limits.MAX_INPUTS) {
            problems.at(ErrorCode.SPEC_TOO_LARGE, node, where + " has " + m.getValue().size() + " inputs, above the limit of " + Limits.MAX_INPUTS
                    + "; group related inputs into structs.");
            return out;
        }
        yaml.mapping(node, "inputs of " + where, null).forEach((name, def) -> {
            if (!Names.INPUT.matcher(name).matches()) {
                problems.at(ErrorCode.SPEC_INVALID_NAME, yaml.keyOf(def), "invalid input name '" + name + "': " + Names.rule("input", Names.INPUT) + ".");
            }
            if (!lower.add(name.toLowerCase(Locale.ROOT))) {
                problems.at(ErrorCode.SPEC_DUPLICATE, yaml.keyOf(def), "input '" + name + "' differs from another input only by case; rename one.");
            }
            InputSpec input = input(name, def, where, types, 0, 0);
            if (input != null) out.add(input);
        });
        return out;
    }

    /**
     * @param depth how many structs enclose this input
     * @param level how many lists, maps and structs enclose it, bounded by {@link Limits#MAX_TYPE_DEPTH}
     */
    private InputSpec input(String name, Node node, String where, Map<String, TypeRef.CustomType> types, int depth, int level) {
        String what = "input '" + name + "' of " + where;
        Map<String, Node> in = yaml.mapping(node, what, INPUT_KEYS);
        if (!(node instanceof MappingNode)) return null;
        if (!in.containsKey("type")) {
            problems.at(ErrorCode.SPEC_MISSING_KEY, node, what + " has no 'type:'; use one of " + String.join(", ", BUILTIN) + " or a name under types:.");
            return null;
        }
        String expr = yaml.string(in.get("type"), "type");
        if (expr == null) return null;
        TypeRef type = new TypeExpression(expr, in.get("type"), what, in, types, depth, level).parse();
        if (type == null) return null;
        if (!usesEnum(type) && in.containsKey("values")) {
            problems.at(ErrorCode.SPEC_KEY_NOT_FOR_TYPE, in.get("values"), "'values' applies only to enum inputs; " + what + " has type " + expr + ".");
        }
        if (!usesStruct(type) && in.containsKey("fields")) {
            problems.at(ErrorCode.SPEC_KEY_NOT_FOR_TYPE, in.get("fields"), "'fields' applies only to struct inputs; " + what + " has type " + expr + ".");
        }
        boolean required = in.containsKey("required") && Boolean.TRUE.equals(yaml.bool(in.get("required"), "required"));
        Object defaultValue = null;
        if (in.containsKey("default")) {
            Node d = in.get("default");
            if (required) {
                problems.at(ErrorCode.SPEC_DEFAULT_INVALID, d, what + " is required and has a default; an input with a default is optional, so drop 'required: true' or the default.");
            }
            defaultValue = new DefaultValues(problems, p -> compiled.computeIfAbsent(p, UserPatterns::compile)).check(d, type, what);
        }
        String description = in.containsKey("description") ? yaml.string(in.get("description"), "description") : null;
        return new InputSpec(name, type, required, defaultValue, description);
    }

    private static boolean usesEnum(TypeRef t) {
        return t.innermost() instanceof TypeRef.EnumType;
    }

    private static boolean usesStruct(TypeRef t) {
        return t.innermost() instanceof TypeRef.StructType;
    }

    static TypeRef.Primitive primitive(String name) {
        for (TypeRef.Primitive p : TypeRef.Primitive.values()) {
            if (p.display().equals(name)) return p;
        }
        return null;
    }

    /** Recursive-descent reader of {@code list<T>}, {@code map<string,T>} and names. */
    private final class TypeExpression {
        private final String text;
        private final Node node;
        private final String what;
        private final Map<String, Node> input;
        private final Map<String, TypeRef.CustomType> types;
        private final int depth;
        /** Lists, maps and structs around the type being read: those outside it plus those open in it. */
        private int level;
        private int pos;
        private boolean failed;

        TypeExpression(String text, Node node, String what, Map<String, Node> input,
                       Map<String, TypeRef.CustomType> types, int depth, int level) {
            this.text = text.replace(" ", "");
            this.node = node;
            this.what = what;
            this.input = input;
            this.types = types;
            this.depth = depth;
            this.level = level;
        }

        TypeRef parse() {
            TypeRef t = type();
            if (!failed && pos != text.length()) fail("unexpected '" + text.substring(pos) + "'");
            return failed ? null : t;
        }

        private TypeRef type() {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
            String name = text.substring(start, pos);
            if (name.equals("list") && eat('<')) {
                if (!deeper()) return null;
                TypeRef element = type();
                level--;
                return failed || !expect('>') ? null : new TypeRef.ListType(element);
            }
            if (name.equals("map") && eat('<')) {
                if (!deeper()) return null;
                TypeRef key = type();
                if (failed || !expect(',')) return null;
                if (key != TypeRef.Primitive.STRING) return fail("map keys must be string, e.g. map<string,int>");
                TypeRef value = type();
                level--;
                return failed || !expect('>') ? null : new TypeRef.MapType(key, value);
            }
            TypeRef.Primitive p = primitive(name);
            if (p != null) return p;
            if (name.equals("enum")) return enumType();
            if (name.equals("struct")) return struct();
            if (types.containsKey(name)) return types.get(name);
            if (name.isEmpty()) return fail("expected a type name");
            // Built-in names first, then declared ones, read in place: copying the declared names for
            // every unknown one would make many unknown names against many types quadratic.
            Iterable<String> known = () -> java.util.stream.Stream.concat(KNOWN_BUILTIN.stream(), types.keySet().stream()).iterator();
            String meant = SYNONYMS.get(name.toLowerCase(Locale.ROOT));
            if (meant == null) meant = problems.suggestion(name, known);
            return fail("unknown type '" + name + "'; " + (meant == null ? "declare it under types: or use one of "
                    + String.join(", ", BUILTIN) : "did you mean '" + meant + "'?"));
        }

        private TypeRef enumType() {
            Node values = input.get("values");
            if (values == null) return fail("an enum needs 'values:', a list such as [fast, full]");
            if (!(values instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                problems.at(ErrorCode.SPEC_WRONG_SHAPE, values, "'values' of " + what + " must be a non-empty list such as [fast, full].");
                failed = true;
                return null;
            }
            if (seq.getValue().size() > Limits.MAX_ENUM_VALUES) {
                problems.at(ErrorCode.SPEC_TOO_LARGE, values, "'values' of " + what + " lists " + seq.getValue().size() + " values, above the limit of "
                        + Limits.MAX_ENUM_VALUES + "; use a string with a pattern instead.");
                failed = true;
                return null;
            }
            Set<String> seen = new LinkedHashSet<>();
            Set<String> upper = new HashSet<>();
            for (Node v : seq.getValue()) {
                String s = yaml.string(v, "an enum value");
                if (s == null) continue;
                if (!Names.ENUM_VALUE.matcher(s).matches()) {
                    problems.at(ErrorCode.SPEC_INVALID_NAME, v, "invalid enum value '" + s + "' in " + what + ": " + Names.rule("enum value", Names.ENUM_VALUE) + ".");
                } else if (!upper.add(s.toUpperCase(Locale.ROOT))) {
                    problems.at(ErrorCode.SPEC_DUPLICATE, v, "enum value '" + s + "' of " + what + " is listed twice (values are compared ignoring case).");
                }
                seen.add(s);
            }
            return new TypeRef.EnumType(List.copyOf(seen));
        }

        private TypeRef struct() {
            Node fields = input.get("fields");
            if (fields == null) return fail("a struct needs 'fields:', a mapping of field name to input definition");
            if (depth >= Limits.MAX_STRUCT_DEPTH) return fail("structs nest at most " + Limits.MAX_STRUCT_DEPTH + " levels deep");
            if (!deeper()) return null;
            if (fields instanceof MappingNode m && m.getValue().size() > Limits.MAX_INPUTS) {
                problems.at(ErrorCode.SPEC_TOO_LARGE, fields, "struct " + what + " has " + m.getValue().size() + " fields, above the limit of "
                        + Limits.MAX_INPUTS + "; split it into nested structs.");
                failed = true;
                return null;
            }
            List<InputSpec> out = new ArrayList<>();
            yaml.mapping(fields, "fields of " + what, null).forEach((name, def) -> {
                if (!Names.INPUT.matcher(name).matches()) {
                    problems.at(ErrorCode.SPEC_INVALID_NAME, yaml.keyOf(def), "invalid field name '" + name + "': " + Names.rule("field", Names.INPUT) + ".");
                }
                InputSpec f = input(name, def, what, types, depth + 1, level);
                if (f != null) out.add(f);
            });
            if (out.isEmpty() && fields instanceof MappingNode m && m.getValue().isEmpty()) {
                return fail("a struct needs at least one field");
            }
            return new TypeRef.StructType(out);
        }

        /** Enters one more list, map or struct level; false (reported) past {@link Limits#MAX_TYPE_DEPTH}. */
        private boolean deeper() {
            if (++level <= Limits.MAX_TYPE_DEPTH) return true;
            fail("lists, maps and structs nest at most " + Limits.MAX_TYPE_DEPTH + " levels deep");
            return false;
        }

        private boolean eat(char c) {
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private boolean expect(char c) {
            if (eat(c)) return true;
            fail("expected '" + c + "' at position " + (pos + 1));
            return false;
        }

        private TypeRef fail(String why) {
            String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text; // a hostile type may be a whole line
            if (!failed) problems.at(ErrorCode.SPEC_TYPE_INVALID, node, "type '" + shown + "' of " + what + " is invalid: " + why + (why.endsWith("?") ? "" : "."));
            failed = true;
            return null;
        }
    }
}
