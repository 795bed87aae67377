package dev.flowctl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.runtime.InputViolation;
import dev.flowctl.runtime.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run start checks its input against the version's applied schema, the way state records it. */
class RunInputsTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final Spec EXAMPLE = SpecParser.parse(Path.of("../flows.yaml.example").toAbsolutePath().normalize());

    private static List<InputSpec> inputs(String flow, String version) {
        return EXAMPLE.versions().stream().filter(v -> v.flow().equals(flow) && v.name().equals(version)).findFirst()
                .orElseThrow().inputs();
    }

    @Test
    void everyExampleSchemaCompilesFromItsRecordedFormWithItsDefaults() {
        for (VersionSpec v : EXAMPLE.versions()) {
            var recorded = SchemaJson.toJson(SchemaJson.fromJson(SchemaJson.toJson(v.inputs())));
            RunInputs.schema(recorded); // throws on a default its own type refuses
        }
    }

    @Test
    void aGoodInputOfTheExampleGetsItsDefaultsAndABadOneIsRefusedField() throws Exception {
        List<InputSpec> fleet = inputs("fleet_features", "v1");
        assertEquals(M.readTree("{\"fleet_id\":\"f1\",\"months\":24,\"mode\":\"fast\",\"output\":\"s3://bucket/out\"}"),
                RunInputs.check(fleet, M.readTree("{\"fleet_id\":\"f1\",\"output\":\"s3://bucket/out\"}")).json());
        var e = assertThrows(InvalidInputException.class, () -> RunInputs.check(fleet, M.readTree("{\"mode\":\"FAST\"}")));
        assertEquals(List.of(new InputViolation("fleet_id", "is required"),
                new InputViolation("mode", "must be one of fast, full; got \"FAST\""),
                new InputViolation("output", "is required")), e.violations());
    }

    @Test
    void aPatternInAHandEditedStateIsBoundedLikeOneInFlowsYaml() throws Exception {
        String pattern = "((a{1000}){1000}){1000}";
        var e = assertThrows(IllegalArgumentException.class, () -> RunInputs.schema(M.readTree(
                "[{\"name\":\"p\",\"type\":{\"kind\":\"custom\",\"name\":\"t\",\"base\":\"string\",\"pattern\":\"" + pattern + "\"}}]")));
        assertEquals("pattern '" + pattern + "' " + UserPatterns.problem(pattern), e.getMessage());
    }
}
