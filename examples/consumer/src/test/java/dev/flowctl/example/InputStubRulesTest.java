package dev.flowctl.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flowctl.runtime.InvalidInputException;
import org.junit.jupiter.api.Test;
import risk.flows.fleet_features.v1.FleetFeaturesInput;
import risk.flows.risk_score.v2.RiskScoreInput;

/** The generated builder and parser refuse what flows.yaml forbids with the run check's violations, naming the input and the rule. */
class InputStubRulesTest {
    @Test
    void aRequiredInputMustBeSet() {
        var e = assertThrows(InvalidInputException.class, () -> RiskScoreInput.builder().threshold(0.5).build());
        assertEquals("input refused: 'fleet_id' is required.", e.getMessage());
    }

    @Test
    void aRequiredFieldOfAStructMustBeSet() {
        var e = assertThrows(InvalidInputException.class, () -> FleetFeaturesInput.Limits.builder().build());
        assertEquals("input refused: 'limits.max_rows' is required.", e.getMessage());
    }

    @Test
    void aPatternIsEnforced() {
        var e = assertThrows(InvalidInputException.class, () -> FleetFeaturesInput.builder()
                .fleetId("f").output("/tmp/out").build());
        assertEquals("input refused: 'output' must match ^s3://[a-z0-9.-]{3,63}/.*$; got \"/tmp/out\".", e.getMessage());
    }

    @Test
    void aRangeIsEnforced() {
        var e = assertThrows(InvalidInputException.class, () -> RiskScoreInput.builder().fleetId("f").threshold(1.5).build());
        assertEquals("input refused: 'threshold' must be between 0 and 1 inclusive; got 1.5.", e.getMessage());
    }

    @Test
    void anEnumValueOutsideFlowsYamlIsRefusedWhenParsing() {
        var e = assertThrows(InvalidInputException.class, () -> FleetFeaturesInput.fromJson(
                "{\"fleet_id\":\"f\",\"output\":\"s3://bucket/x\",\"mode\":\"turbo\"}"));
        assertEquals("input refused: 'mode' must be one of fast, full; got \"turbo\".", e.getMessage());
    }

    @Test
    void aWrongJsonTypeIsRefusedWhenParsing() {
        var e = assertThrows(InvalidInputException.class, () -> RiskScoreInput.fromJson("{\"fleet_id\":7}"));
        assertEquals("input refused: 'fleet_id' must be a string; got 7.", e.getMessage());
    }

    @Test
    void defaultsApplyWhenAnInputIsLeftOutAndAreNotSent() {
        RiskScoreInput in = RiskScoreInput.builder().fleetId("f").build();
        assertEquals(0.75, in.threshold());
        assertEquals("{\"fleet_id\":\"f\"}", in.toJson());
    }
}
