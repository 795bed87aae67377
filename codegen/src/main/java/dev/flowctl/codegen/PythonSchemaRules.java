package dev.flowctl.codegen;

import static dev.flowctl.codegen.PythonSyntax.literal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A version's SCHEMA constant: the check as data for the runtime's rules, written from the schema
 * JSON flowctl records in state (SchemaJson) and mirroring InputSchema.struct/rule/custom, so the
 * Python check reads what flowctl run and the gateway read.
 */
final class PythonSchemaRules {
    /** The version, for the message of a schema codegen cannot write. */
    private final String address;

    private PythonSchemaRules(String address) {
        this.address = address;
    }

    /** The {@code _rt.Struct(...)} expression of a version's schema JSON (its inputs in name order). */
    static String of(String address, JsonNode inputs) {
        return new PythonSchemaRules(address).struct(inputs, "", 0);
    }

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

    /** A JSON value as a Python literal (the schema's defaults). */
    private static String json(JsonNode n) {
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
}
