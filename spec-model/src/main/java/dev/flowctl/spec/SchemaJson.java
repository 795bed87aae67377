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
        try {
            return (ArrayNode) MAPPER.readTree(MAPPER.writeValueAsBytes(tree(inputs)));
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
        if (i.defaultValue() != null) o.set("default", MAPPER.valueToTree(i.defaultValue()));
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
            if (c.min() != null) o.put("min", c.min());
            if (c.max() != null) o.put("max", c.max());
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
