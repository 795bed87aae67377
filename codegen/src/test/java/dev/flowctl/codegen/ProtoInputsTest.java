package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import dev.flowctl.runtime.InputSchema;
import dev.flowctl.runtime.InputViolation;
import dev.flowctl.runtime.InvalidInputException;
import dev.flowctl.spec.RunInputs;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import dev.flowctl.spec.VersionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The one JSON mapping: canonical JSON, proto3 JSON (as protobuf itself prints and parses it) and
 * binary proto turn into each other without loss, on the example's schemas and on random ones.
 */
class ProtoInputsTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Spec EXAMPLE = SpecParser.parse(Path.of("../flows.yaml.example").toAbsolutePath().normalize());
    private static final Map<String, ProtoInputs> MAPPINGS = ProtoInputs.of(Codegen.render(EXAMPLE, FlowsLock.empty(), Set.of(Language.JAVA)));

    private static InputSchema schema(Spec spec, String address) {
        VersionSpec v = spec.versions().stream().filter(x -> x.address().toString().equals(address)).findFirst().orElseThrow();
        return RunInputs.schema(v.inputs());
    }

    /** Every direction, for one canonical input that passed its check. */
    private static void roundTrips(ProtoInputs p, InputSchema schema, JsonNode canonical, boolean enumsAsNumbers) throws Exception {
        DynamicMessage message = p.message(canonical);
        // canonical -> proto3 JSON (printed by protobuf) -> canonical
        JsonFormat.Printer printer = enumsAsNumbers ? JsonFormat.printer().printingEnumsAsInts() : JsonFormat.printer();
        String proto3 = printer.print(message);
        assertEquals(canonical, schema.check(p.canonicalSpelling(M.readTree(proto3))).json(), proto3);
        // protobuf reads that proto3 JSON as the very message the mapping built
        DynamicMessage.Builder parsed = DynamicMessage.newBuilder(p.descriptor());
        JsonFormat.parser().merge(proto3, parsed);
        assertEquals(message, parsed.build());
        // binary -> canonical -> binary
        byte[] binary = message.toByteArray();
        JsonNode back = schema.check(p.canonical(DynamicMessage.parseFrom(p.descriptor(), binary))).json();
        assertEquals(canonical, back);
        assertArrayEquals(binary, p.message(back).toByteArray());
        // a canonical input is its own canonical spelling
        assertEquals(canonical, p.canonicalSpelling(canonical));
    }

    @Test
    void everyExampleInputRoundTripsInEveryDirection() throws Exception {
        Map<String, String> inputs = Map.of(
                "fleet_features@v1", "{\"fleet_id\":\"f1\",\"months\":36,\"output\":\"s3://bucket/out/\",\"mode\":\"full\"}",
                "risk_score@v1", "{\"fleet_id\":\"f1\",\"features\":\"s3://bucket/f\",\"threshold\":0.5}",
                "risk_score@v2", "{\"fleet_id\":\"f1\",\"features\":\"s3://bucket/f\",\"weather_sources\":[\"noaa\",\"openweather\"],\"as_of\":\"2024-02-29\"}",
                "claims_triage@v1", "{\"claim_ids\":[\"c1\",\"c2\"],\"severity\":\"high\",\"reviewers\":{\"alice\":3,\"bob\":9007199254740993},"
                        + "\"received_after\":\"2024-01-31T12:00:00.123456789Z\"}");
        assertEquals(Set.copyOf(MAPPINGS.keySet()), Set.copyOf(inputs.keySet()));
        for (var e : inputs.entrySet()) {
            InputSchema schema = schema(EXAMPLE, e.getKey());
            roundTrips(MAPPINGS.get(e.getKey()), schema, schema.check(e.getValue()).json(), false);
            roundTrips(MAPPINGS.get(e.getKey()), schema, schema.check(e.getValue()).json(), true);
        }
    }

    @Test
    void proto3JsonSpellingsBecomeFlowsYamlSpellings() throws Exception {
        ProtoInputs p = MAPPINGS.get("claims_triage@v1");
        JsonNode proto3 = M.readTree("{\"claimIds\":[\"c1\"],\"severity\":\"SEVERITY_LOW\",\"reviewers\":{\"alice\":\"12\"},"
                + "\"receivedAfter\":\"2024-01-31T13:00:00+01:00\"}");
        assertEquals(M.readTree("{\"claim_ids\":[\"c1\"],\"severity\":\"low\",\"reviewers\":{\"alice\":12},\"received_after\":\"2024-01-31T12:00:00Z\"}"),
                schema(EXAMPLE, "claims_triage@v1").check(p.canonicalSpelling(proto3)).json());
        assertEquals(M.readTree("{\"claim_ids\":[\"c1\"],\"severity\":\"medium\"}"), schema(EXAMPLE, "claims_triage@v1")
                .check(p.canonicalSpelling(M.readTree("{\"claim_ids\":[\"c1\"],\"severity\":\"SEVERITY_UNSPECIFIED\"}"))).json(),
                "an unspecified enum is an input not given, so its default applies");
    }

    @Test
    void whatTheMappingCannotPlaceIsRefusedByTheCheckAtItsPath() {
        ProtoInputs p = MAPPINGS.get("fleet_features@v1");
        var e = assertThrows(InvalidInputException.class, () -> schema(EXAMPLE, "fleet_features@v1").check(p.canonicalSpelling(
                M.readTree("{\"fleetId\":\"f\",\"fleet_id\":\"g\",\"output\":\"s3://bucket/x\",\"mode\":\"MODE_TURBO\",\"months\":\"many\"}"))));
        assertEquals(List.of(new InputViolation("mode", "must be one of fast, full; got \"MODE_TURBO\""),
                new InputViolation("months", "must be a whole number (64-bit); got \"many\""),
                new InputViolation("fleetId", "is unknown (expected one of: fleet_id, mode, months, output)")), e.violations());
    }

    // ---- random schemas and inputs ----

    @Property(tries = 40)
    void randomSchemasAndInputsRoundTripInEveryDirection(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        List<String> yaml = new ArrayList<>();
        ObjectNode input = F.objectNode();
        int count = 1 + r.nextInt(6);
        for (int i = 0; i < count; i++) {
            String name = "in_" + i;
            boolean required = r.nextBoolean();
            Generated g = type(r, 0);
            yaml.add(name + ": { " + g.yaml + (required ? ", required: true" : "") + " }");
            if (required || r.nextBoolean()) input.set(name, g.value);
        }
        Path dir = Files.createTempDirectory("random-schema");
        Spec spec = Specs.oneVersion(dir, (String.join("\n", yaml) + "\n").indent(6));
        ProtoInputs p = ProtoInputs.of(Codegen.render(spec, FlowsLock.empty(), Set.of(Language.JAVA))).get("scores@v1");
        InputSchema schema = schema(spec, "scores@v1");
        roundTrips(p, schema, schema.check(input).json(), r.nextBoolean());
    }

    /** A type in flows.yaml's flow style and one value of it. */
    private record Generated(String yaml, JsonNode value) {
    }

    private static Generated type(Random r, int depth) {
        int kind = r.nextInt(depth < 2 ? 10 : 8);
        switch (kind) {
            case 0: return new Generated("type: string", F.textNode(word(r) + " é✓ \"q\""));
            case 1: return new Generated("type: int", F.numberNode(r.nextLong()));
            case 2: return new Generated("type: float", F.numberNode((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(40) - 20)));
            case 3: return new Generated("type: bool", F.booleanNode(r.nextBoolean()));
            case 4: return new Generated("type: date", F.textNode(String.format("%04d-%02d-%02d", 1 + r.nextInt(9999), 1 + r.nextInt(12), 1 + r.nextInt(28))));
            case 5: return new Generated("type: timestamp", F.textNode(Instant.ofEpochSecond(r.nextInt(Integer.MAX_VALUE), r.nextInt(1_000_000_000)).toString()));
            case 6: {
                List<String> values = values(r);
                return new Generated("type: enum, values: [" + String.join(", ", values) + "]", F.textNode(values.get(r.nextInt(values.size()))));
            }
            case 7: {
                if (r.nextBoolean()) {
                    List<String> values = values(r);
                    ArrayNode list = F.arrayNode();
                    for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) list.add(values.get(r.nextInt(values.size())));
                    return new Generated("type: 'list<enum>', values: [" + String.join(", ", values) + "]", list);
                }
                Generated e = primitive(r);
                return new Generated("type: 'list<" + e.yaml.substring("type: ".length()) + ">'", F.arrayNode().add(e.value));
            }
            case 8: {
                Generated v = primitive(r);
                ObjectNode map = F.objectNode().set("k" + r.nextInt(9), v.value);
                return new Generated("type: 'map<string," + v.yaml.substring("type: ".length()) + ">'", map);
            }
            default: {
                List<String> fields = new ArrayList<>();
                ObjectNode struct = F.objectNode();
                for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
                    Generated f = type(r, depth + 1);
                    fields.add("f_" + i + ": { " + f.yaml + " }");
                    if (r.nextInt(4) > 0) struct.set("f_" + i, f.value);
                }
                return new Generated("type: struct, fields: { " + String.join(", ", fields) + " }", struct);
            }
        }
    }

    private static Generated primitive(Random r) {
        Generated g = type(r, 2);
        while (g.yaml.contains("<") || g.yaml.contains(",")) g = type(r, 2); // a scalar: no enum, list or map
        return g;
    }

    private static List<String> values(Random r) {
        List<String> values = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) values.add(word(r) + "_" + i);
        return values;
    }

    private static String word(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0, n = 1 + r.nextInt(6); i < n; i++) b.append((char) ('a' + r.nextInt(26)));
        return b.toString();
    }
}
