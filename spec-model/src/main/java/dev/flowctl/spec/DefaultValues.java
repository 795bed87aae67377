package dev.flowctl.spec;

import dev.flowctl.errors.ErrorCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Checks a default against its type and turns it into a plain JSON-shaped value. */
final class DefaultValues {
    private final Problems problems;
    private final java.util.function.Function<String, com.google.re2j.Pattern> patterns;

    /** @param patterns compiles a custom type's pattern (one that passed {@link UserPatterns#problem}), once per parse */
    DefaultValues(Problems problems, java.util.function.Function<String, com.google.re2j.Pattern> patterns) {
        this.problems = problems;
        this.patterns = patterns;
    }

    Object check(Node node, TypeRef type, String what) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
            problems.at(ErrorCode.SPEC_DEFAULT_INVALID, node, "default of " + what + " is empty; give a value or remove 'default:'.");
            return null;
        }
        return value(node, type, what);
    }

    private Object value(Node node, TypeRef type, String what) {
        if (type instanceof TypeRef.Primitive p) return primitive(node, p, what, type.display());
        if (type instanceof TypeRef.EnumType e) {
            Object v = primitive(node, TypeRef.Primitive.STRING, what, "enum");
            return v != null && !e.values().contains(v) ? bad(node, what, "is not one of its values " + e.values()) : v;
        }
        if (type instanceof TypeRef.ListType l) {
            if (!(node instanceof SequenceNode seq)) return bad(node, what, "must be a list");
            List<Object> out = new ArrayList<>();
            for (Node n : seq.getValue()) out.add(value(n, l.element(), what));
            return out.contains(null) ? null : out;
        }
        if (type instanceof TypeRef.MapType m) {
            if (!(node instanceof MappingNode map)) return bad(node, what, "must be a mapping");
            return entries(map, what, k -> m.value());
        }
        if (type instanceof TypeRef.StructType s) {
            if (!(node instanceof MappingNode map)) return bad(node, what, "must be a mapping of its fields");
            return entries(map, what, k -> s.fields().stream().filter(f -> f.name().equals(k))
                    .map(InputSpec::type).findFirst().orElse(null));
        }
        TypeRef.CustomType c = (TypeRef.CustomType) type;
        Object v = primitive(node, c.base(), what, c.name());
        if (v == null) return null;
        if (c.pattern() != null && !patterns.apply(c.pattern()).matches(v.toString())) {
            return bad(node, what, "does not match the pattern " + c.pattern() + " of type " + c.name());
        }
        if (v instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            if (c.min() != null && d.compareTo(c.min()) < 0) return bad(node, what, "is below the min " + c.min() + " of type " + c.name());
            if (c.max() != null && d.compareTo(c.max()) > 0) return bad(node, what, "is above the max " + c.max() + " of type " + c.name());
        }
        return v;
    }

    /** A mapping's entries checked against the type each key must have (null: no such key). */
    private Map<String, Object> entries(MappingNode map, String what, java.util.function.Function<String, TypeRef> typeOfKey) {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean ok = true;
        for (var t : map.getValue()) {
            TypeRef valueType = t.getKeyNode() instanceof ScalarNode k ? typeOfKey.apply(k.getValue()) : null;
            if (valueType == null) {
                bad(t.getKeyNode(), what, "has a key " + YamlMaps.describe(t.getKeyNode()) + " that its type does not allow");
                ok = false;
                continue;
            }
            Object v = value(t.getValueNode(), valueType, what);
            ok &= v != null;
            out.put(((ScalarNode) t.getKeyNode()).getValue(), v);
        }
        return ok ? out : null;
    }

    private Object primitive(Node node, TypeRef.Primitive p, String what, String typeName) {
        if (!(node instanceof ScalarNode s)) return bad(node, what, "must be a single " + typeName + " value, not " + YamlMaps.describe(node));
        Tag tag = s.getTag();
        String v = s.getValue();
        try {
            switch (p) {
                case STRING:
                    if (tag.equals(Tag.STR)) return v;
                    break;
                case INT:
                    if (tag.equals(Tag.INT)) return Long.parseLong(v.replace("_", ""));
                    break;
                case FLOAT:
                    if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
                        double d = Double.parseDouble(v.replace("_", ""));
                        if (Double.isFinite(d)) return d;
                    }
                    break;
                case BOOL:
                    if (tag.equals(Tag.BOOL)) return YamlMaps.truthy(v);
                    break;
                case DATE:
                    if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP)) return LocalDate.parse(v).toString();
                    break;
                case TIMESTAMP:
                    if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP)) return OffsetDateTime.parse(v).toString();
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // fall through to the message below
        }
        String hint = switch (p) {
            case STRING -> "; quote it if it is meant as text";
            case DATE -> " (write YYYY-MM-DD)";
            case TIMESTAMP -> " (write ISO-8601 with an offset, e.g. 2024-01-31T00:00:00Z)";
            default -> "";
        };
        return bad(node, what, "is " + YamlMaps.describe(node) + ", not a valid " + typeName + hint);
    }

    private Object bad(Node node, String what, String why) {
        problems.at(ErrorCode.SPEC_DEFAULT_INVALID, node, "default of " + what + " " + why + ".");
        return null;
    }
}
