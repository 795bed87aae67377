package dev.flowctl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaJsonTest {
    private static final ObjectMapper M = new ObjectMapper();

    /** What a schema read back from state or a planfile is: the written form parsed again. */
    private static JsonNode reparsed(JsonNode tree) throws Exception {
        return M.readTree(M.writeValueAsBytes(tree));
    }

    /**
     * The schema recorded in state is compared with the one built from flows.yaml; a node type that
     * differs from what parsing yields (a long where JSON reads an int) would make every version look changed.
     */
    @Test
    void theSchemaIsTheTreeItsJsonParsesBackTo() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("b", List.of(1L, 2.5, "x", true));
        nested.put("a", Map.of("deep", Long.MAX_VALUE));
        List<InputSpec> inputs = List.of(
                new InputSpec("small", TypeRef.Primitive.INT, false, 3L, "a small one"),
                new InputSpec("big", TypeRef.Primitive.INT, true, 5_000_000_000L, null),
                new InputSpec("negative", TypeRef.Primitive.INT, false, (long) Integer.MIN_VALUE, null),
                new InputSpec("whole_float", TypeRef.Primitive.FLOAT, false, 1.0, null),
                new InputSpec("tiny_float", TypeRef.Primitive.FLOAT, false, 1e-300, null),
                new InputSpec("huge_float", TypeRef.Primitive.FLOAT, false, 1e20, null),
                new InputSpec("flag", TypeRef.Primitive.BOOL, false, false, null),
                new InputSpec("text", TypeRef.Primitive.STRING, false, "é \u0001 \"q\" \ud83d\ude00", "ünïcode"),
                new InputSpec("mode", new TypeRef.EnumType(List.of("fast", "full")), false, "fast", null),
                new InputSpec("tags", new TypeRef.ListType(TypeRef.Primitive.STRING), false, List.of("a", "b"), null),
                new InputSpec("conf", new TypeRef.MapType(TypeRef.Primitive.STRING, TypeRef.Primitive.STRING), false, nested, null),
                new InputSpec("ranged", new TypeRef.CustomType("pct", TypeRef.Primitive.FLOAT, null, new BigDecimal("0.5"),
                        new BigDecimal("1E+3")), false, null, null),
                new InputSpec("whole_range", new TypeRef.CustomType("count", TypeRef.Primitive.INT, "^[0-9]+$", new BigDecimal("10"),
                        new BigDecimal("99999999999999999999")), false, null, null),
                new InputSpec("point", new TypeRef.StructType(List.of(
                        new InputSpec("x", TypeRef.Primitive.FLOAT, true, null, null),
                        new InputSpec("label", TypeRef.Primitive.STRING, false, "origin", null))), false, null, null));
        JsonNode schema = SchemaJson.toJson(inputs);
        JsonNode parsed = reparsed(schema);
        assertEquals(parsed, schema);
        assertEquals(parsed.toString(), schema.toString());
    }

    @Test
    void theExampleSchemasAreTheTreesTheirJsonParsesBackTo() throws Exception {
        Spec example = SpecParser.parse(Path.of("../flows.yaml.example").toAbsolutePath().normalize());
        for (VersionSpec v : example.versions()) {
            JsonNode schema = SchemaJson.toJson(v.inputs());
            assertEquals(reparsed(schema), schema, v.address().toString());
            assertEquals(reparsed(schema).toString(), schema.toString(), v.address().toString());
        }
    }
}
