package dev.flowctl.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import dev.flowctl.json.CanonicalJson;
import dev.flowctl.runtime.InputSchema;
import dev.flowctl.runtime.InputViolation;
import dev.flowctl.spec.InputSpec;
import dev.flowctl.spec.SchemaJson;
import dev.flowctl.spec.TypeRef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * An example input of a version, made from its inputs and then put through the version's own input
 * check (the one every run start uses), so the catalog never shows an example a run would refuse.
 * Every input is given: its default where it has one (so the example shows it), otherwise a value
 * of its type within its constraints.
 */
final class ExampleInput {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The example as canonical JSON, or the reason there is none. */
    record Result(String json, String problem) {
    }

    private ExampleInput() {
    }

    static Result of(List<InputSpec> inputs) {
        ObjectNode example = F.objectNode();
        for (InputSpec i : inputs) {
            JsonNode value = valueOf(i);
            if (value != null) {
                example.set(i.name(), value);
            } else if (i.required()) {
                return new Result(null, "no example value could be made for '" + i.name() + "' (its pattern uses syntax the catalog does not translate).");
            }
        }
        // The schema tree as the applied state's JSON text parses to, compiled without the text in between.
        List<InputViolation> violations = InputSchema.of(SchemaJson.toJson(inputs), Pattern::compile).violations(example);
        if (!violations.isEmpty()) return new Result(null, "the example made for it is refused: " + violations.get(0) + ".");
        return new Result(CanonicalJson.of(example).text(), null);
    }

    private static JsonNode valueOf(InputSpec i) {
        if (i.defaultValue() != null) return SchemaJson.toJson(List.of(i)).get(0).get("default");
        return value(i.type());
    }

    private static JsonNode value(TypeRef t) {
        if (t instanceof TypeRef.Primitive p) return primitive(p);
        if (t instanceof TypeRef.EnumType e) return F.textNode(e.values().get(0));
        if (t instanceof TypeRef.ListType l) {
            JsonNode element = value(l.element());
            ArrayNode a = F.arrayNode();
            if (element != null) a.add(element);
            return a;
        }
        if (t instanceof TypeRef.MapType m) {
            JsonNode v = value(m.value());
            ObjectNode o = F.objectNode();
            if (v != null) o.set("key", v);
            return o;
        }
        if (t instanceof TypeRef.StructType s) {
            ObjectNode o = F.objectNode();
            for (InputSpec field : s.fields()) {
                JsonNode v = valueOf(field);
                if (v != null) {
                    o.set(field.name(), v);
                } else if (field.required()) {
                    return null;
                }
            }
            return o;
        }
        TypeRef.CustomType c = (TypeRef.CustomType) t;
        if (c.pattern() != null) {
            String s = PatternExample.of(c.pattern());
            return s == null ? null : F.textNode(s);
        }
        if (c.min() == null && c.max() == null) return primitive(c.base());
        BigDecimal v = c.min() != null && c.max() != null ? c.min().add(c.max()).divide(BigDecimal.valueOf(2), 6, RoundingMode.HALF_UP)
                : c.min() != null ? c.min() : c.max();
        if (c.base() == TypeRef.Primitive.INT) {
            BigDecimal whole = v.setScale(0, c.min() != null ? RoundingMode.CEILING : RoundingMode.FLOOR);
            return F.numberNode(whole.longValueExact());
        }
        return F.numberNode(v.stripTrailingZeros().doubleValue());
    }

    private static JsonNode primitive(TypeRef.Primitive p) {
        return switch (p) {
            case STRING -> F.textNode("example");
            case INT -> F.numberNode(1);
            case FLOAT -> F.numberNode(0.5);
            case BOOL -> F.booleanNode(true);
            case DATE -> F.textNode("2026-01-31");
            case TIMESTAMP -> F.textNode("2026-01-31T09:00:00Z");
        };
    }
}
