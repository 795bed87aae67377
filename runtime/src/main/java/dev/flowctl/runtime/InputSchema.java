package dev.flowctl.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The input rules of one flow version, compiled once from its schema JSON (the form state records,
 * spec-model's SchemaJson): the one implementation of flows.yaml's input rules that {@code flowctl
 * run}, the gateway and the generated Java stubs all call. Thread-safe and immutable; compile it
 * once per version and check many inputs with it.
 */
public final class InputSchema {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Rule.Struct inputs;
    /** Where these inputs sit in the version's input: empty for the whole, {@code limits.window} for a struct's fields. */
    private final String at;

    private InputSchema(Rule.Struct inputs, String at) {
        this.inputs = inputs;
        this.at = at;
    }

    /**
     * Compiles a schema, each custom type's pattern with {@code patterns} (flowctl passes spec-model's
     * UserPatterns::compile, which also bounds the pattern's size). Throws IllegalArgumentException on
     * a schema form it does not know or a default its own type refuses.
     */
    public static InputSchema of(JsonNode schema, Function<String, Pattern> patterns) {
        return new InputSchema(struct(schema, patterns, "", true), "");
    }

    /** Compiles schema JSON text; patterns compiled with RE2/J. */
    public static InputSchema parse(String schemaJson) {
        return new InputSchema(struct(tree(schemaJson), Pattern::compile, "", true), "");
    }

    /**
     * Compiles schema JSON text as a generated Java stub embeds it (its patterns passed flowctl's
     * bounds when it was generated): the same rules, paths and messages, except that a member the
     * schema does not know is left out rather than refused, so flow code parsing the engine's JSON
     * keeps working when callers already send an input a later schema added. The stubs' builders
     * never write an unknown member, so for them the two are the same.
     */
    public static InputSchema forStubs(String schemaJson) {
        return new InputSchema(struct(tree(schemaJson), Pattern::compile, "", false), "");
    }

    private static JsonNode tree(String schemaJson) {
        try {
            return MAPPER.readTree(schemaJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("input schema is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The schema of the struct input at {@code path} (dotted, {@code limits.window}; a list or map of
     * structs gives its element's struct): what a stub's nested class checks. Its violations carry
     * the path from the version's input ({@code limits.window.days}), without list indexes or map
     * keys, which a struct on its own does not know. Throws IllegalArgumentException when there is no
     * struct at {@code path}.
     */
    public InputSchema struct(String path) {
        Rule r = inputs;
        for (String name : path.split("\\.", -1)) {
            r = r instanceof Rule.Struct s ? s.member(name) : null;
            while (r instanceof Rule.ListOf || r instanceof Rule.MapOf) {
                r = r instanceof Rule.ListOf l ? l.element() : ((Rule.MapOf) r).value();
            }
        }
        if (!(r instanceof Rule.Struct s)) throw new IllegalArgumentException("the input schema has no struct at '" + path + "'");
        return new InputSchema(s, at.isEmpty() ? path : at + "." + path);
    }

    /**
     * Reads an input's JSON text, one value ({@link JsonText}); a text that is no JSON is refused with the violation
     * {@link #check(String)} names, empty text gives the missing node {@link #check(JsonNode)} refuses.
     */
    public static JsonNode parseJson(String json) {
        try {
            JsonNode node = JsonText.read(json);
            return node == null ? MAPPER.missingNode() : node;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(List.of(new InputViolation("", "is not valid JSON: " + e.getOriginalMessage())));
        }
    }

    /** Parses {@code json} and checks it; a text that is no JSON is refused as a violation too. */
    public CheckedInput check(String json) {
        return check(parseJson(json));
    }

    /**
     * Checks an input in the canonical engine JSON and returns it canonical, defaults applied; throws
     * {@link InvalidInputException} naming every violation. Nothing outside the schema gets through.
     */
    public CheckedInput check(JsonNode input) {
        List<InputViolation> out = new ArrayList<>(2);
        StringBuilder path = new StringBuilder(at);
        JsonNode canonical = input.isMissingNode() ? Rule.refuse(path, out, "is empty; give a JSON object")
                : inputs.check(input, path, out);
        if (!out.isEmpty()) throw new InvalidInputException(out);
        return new CheckedInput((ObjectNode) canonical);
    }

    /** Every violation of {@code input}, empty when it passes. */
    public List<InputViolation> violations(JsonNode input) {
        try {
            check(input);
            return List.of();
        } catch (InvalidInputException e) {
            return e.violations();
        }
    }

    private static Rule.Struct struct(JsonNode fields, Function<String, Pattern> patterns, String where, boolean refuseUnknown) {
        if (!fields.isArray()) throw bad(where, "its inputs are not a list");
        List<Rule.Struct.Member> members = new ArrayList<>();
        for (JsonNode f : fields) {
            String name = f.path("name").asText();
            String at = where.isEmpty() ? name : where + "." + name;
            Rule rule = rule(f.path("type"), patterns, at, refuseUnknown);
            JsonNode defaultValue = null;
            if (f.hasNonNull("default")) {
                List<InputViolation> problems = new ArrayList<>();
                defaultValue = rule.check(f.get("default"), new StringBuilder(at), problems);
                if (defaultValue == null) throw bad(at, "its default " + problems.get(0).message());
            }
            members.add(new Rule.Struct.Member(name, rule, f.path("required").asBoolean(false), defaultValue));
        }
        return new Rule.Struct(members, refuseUnknown);
    }

    private static Rule rule(JsonNode t, Function<String, Pattern> patterns, String at, boolean refuseUnknown) {
        String kind = t.path("kind").asText();
        return switch (kind) {
            case "string" -> new Rule.Text(null);
            case "int" -> new Rule.Int(null, null);
            case "float" -> new Rule.Float(null, null);
            case "bool" -> new Rule.Bool();
            case "date" -> new Rule.Date();
            case "timestamp" -> new Rule.Timestamp();
            case "enum" -> {
                List<String> values = new ArrayList<>();
                t.path("values").forEach(v -> values.add(v.asText()));
                yield new Rule.Enumeration(values);
            }
            case "list" -> new Rule.ListOf(rule(t.path("element"), patterns, at, refuseUnknown));
            case "map" -> new Rule.MapOf(rule(t.path("value"), patterns, at, refuseUnknown));
            case "struct" -> struct(t.path("fields"), patterns, at, refuseUnknown);
            case "custom" -> custom(t, patterns, at);
            default -> throw bad(at, "its type kind '" + kind + "' is unknown");
        };
    }

    private static Rule custom(JsonNode t, Function<String, Pattern> patterns, String at) {
        BigDecimal min = t.hasNonNull("min") ? new BigDecimal(t.get("min").asText()) : null;
        BigDecimal max = t.hasNonNull("max") ? new BigDecimal(t.get("max").asText()) : null;
        String base = t.path("base").asText();
        return switch (base) {
            case "string" -> new Rule.Text(t.hasNonNull("pattern") ? patterns.apply(t.get("pattern").asText()) : null);
            case "int" -> new Rule.Int(min, max);
            case "float" -> new Rule.Float(min, max);
            case "bool" -> new Rule.Bool();
            case "date" -> new Rule.Date();
            case "timestamp" -> new Rule.Timestamp();
            default -> throw bad(at, "its custom type's base '" + base + "' is unknown");
        };
    }

    private static IllegalArgumentException bad(String at, String why) {
        return new IllegalArgumentException("the recorded input schema cannot be used: input '" + at + "': " + why);
    }
}
