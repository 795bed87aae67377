package dev.flowctl.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical JSON form of an input schema, as recorded in state. Inputs are sorted by name
 * so reordering flows.yaml never looks like a change; descriptions are kept for display only.
 */
public final class SchemaJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SchemaJson() {
    }

    /**
     * The canonical form, with numbers in the node types JSON parsing yields, so a schema equals
     * itself after a round trip through a state file.
     */
    public static ArrayNode toJson(List<InputSpec> inputs) {
        return tree(inputs);
    }

    /**
     * The node a JSON parser yields for {@code value} written as JSON: the smallest integral node
     * that holds an integer, a double for anything with a fraction or exponent. Built directly,
     * as writing each schema out and parsing it back took a tenth of a large plan.
     */
    private static JsonNode number(Number value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long l = value.longValue();
            return l == (int) l ? F.numberNode((int) l) : F.numberNode(l);
        }
        if (value instanceof BigDecimal d) {
            String text = d.toString(); // how Jackson writes it
            if (text.indexOf('.') < 0 && text.indexOf('E') < 0) return number(new java.math.BigInteger(text));
            return F.numberNode(Double.parseDouble(text));
        }
        if (value instanceof java.math.BigInteger b) {
            return b.bitLength() < 32 ? F.numberNode(b.intValue()) : b.bitLength() < 64 ? F.numberNode(b.longValue()) : F.numberNode(b);
        }
        return F.numberNode(value.doubleValue());
    }

    /** A default value (see DefaultValues: strings, booleans, longs, doubles, lists and maps of them) as parsed JSON. */
    private static JsonNode value(Object value) {
        if (value instanceof String s) return F.textNode(s);
        if (value instanceof Boolean b) return F.booleanNode(b);
        if (value instanceof Number n && (!(n instanceof Double d) || Double.isFinite(d))) return number(n);
        if (value instanceof List<?> list) {
            ArrayNode a = F.arrayNode(list.size());
            for (Object item : list) a.add(value(item));
            return a;
        }
        if (value instanceof java.util.Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)) {
            ObjectNode o = F.objectNode();
            map.forEach((k, v) -> o.set((String) k, value(v)));
            return o;
        }
        if (value == null) return F.nullNode();
        // Anything else takes the long way, through JSON text.
        try {
            return MAPPER.readTree(MAPPER.writeValueAsBytes(value));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("schema could not be serialised", e);
        }
    }

    private static ArrayNode tree(List<InputSpec> inputs) {
        ArrayNode array = F.arrayNode();
        inputs.stream().sorted(java.util.Comparator.comparing(InputSpec::name)).forEach(i -> array.add(input(i)));
        return array;
    }

    private static ObjectNode input(InputSpec i) {
        ObjectNode o = F.objectNode();
        o.put("name", i.name());
        o.set("type", type(i.type()));
        if (i.required()) o.put("required", true);
        if (i.defaultValue() != null) o.set("default", value(i.defaultValue()));
        if (i.description() != null) o.put("description", i.description());
        return o;
    }

    static ObjectNode type(TypeRef t) {
        ObjectNode o = F.objectNode();
        if (t instanceof TypeRef.Primitive p) {
            o.put("kind", p.display());
        } else if (t instanceof TypeRef.EnumType e) {
            o.put("kind", "enum");
            ArrayNode values = o.putArray("values");
            e.values().forEach(values::add);
        } else if (t instanceof TypeRef.ListType l) {
            o.put("kind", "list");
            o.set("element", type(l.element()));
        } else if (t instanceof TypeRef.MapType m) {
            o.put("kind", "map");
            o.set("key", type(m.key()));
            o.set("value", type(m.value()));
        } else if (t instanceof TypeRef.StructType s) {
            o.put("kind", "struct");
            o.set("fields", tree(s.fields()));
        } else if (t instanceof TypeRef.CustomType c) {
            o.put("kind", "custom");
            o.put("name", c.name());
            o.put("base", c.base().display());
            if (c.pattern() != null) o.put("pattern", c.pattern());
            if (c.min() != null) o.set("min", number(c.min()));
            if (c.max() != null) o.set("max", number(c.max()));
        }
        return o;
    }

    /** Reads the canonical form back; throws IllegalArgumentException on a form it does not know. */
    public static List<InputSpec> fromJson(JsonNode array) {
        List<InputSpec> out = new ArrayList<>();
        for (JsonNode i : array) {
            Object def = i.has("default") ? MAPPER.convertValue(i.get("default"), Object.class) : null;
            if (def instanceof Integer n) def = n.longValue();
            out.add(new InputSpec(i.path("name").asText(), typeFrom(i.path("type")), i.path("required").asBoolean(false),
                    def, i.hasNonNull("description") ? i.get("description").asText() : null));
        }
        return out;
    }

    private static TypeRef typeFrom(JsonNode o) {
        String kind = o.path("kind").asText();
        switch (kind) {
            case "enum": {
                List<String> values = new ArrayList<>();
                o.path("values").forEach(v -> values.add(v.asText()));
                return new TypeRef.EnumType(values);
            }
            case "list":
                return new TypeRef.ListType(typeFrom(o.path("element")));
            case "map":
                return new TypeRef.MapType(typeFrom(o.path("key")), typeFrom(o.path("value")));
            case "struct":
                return new TypeRef.StructType(fromJson(o.path("fields")));
            case "custom":
                return new TypeRef.CustomType(o.path("name").asText(), primitive(o.path("base").asText()),
                        o.hasNonNull("pattern") ? o.get("pattern").asText() : null,
                        o.hasNonNull("min") ? new BigDecimal(o.get("min").asText()) : null,
                        o.hasNonNull("max") ? new BigDecimal(o.get("max").asText()) : null);
            default:
                return primitive(kind);
        }
    }

    private static TypeRef.Primitive primitive(String kind) {
        TypeRef.Primitive p = InputParser.primitive(kind);
        if (p == null) throw new IllegalArgumentException("unknown input type '" + kind + "' in recorded schema");
        return p;
    }
}
