package dev.flowctl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.errors.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one rule --target and --exclude follow on plan, apply, drift and codegen. */
class TargetsTest {
    private static final List<FlowVersionAddress> KNOWN = List.of(a("fleet_features@v1"), a("fleet_features@v2"),
            a("fleet_costs@v2"), a("claims_triage@v1"));

    private static FlowVersionAddress a(String s) {
        return FlowVersionAddress.parse(s);
    }

    private static List<String> selected(Targets t) {
        return KNOWN.stream().filter(t::matches).map(FlowVersionAddress::toString).toList();
    }

    @Test
    void noPatternsSelectEverything() {
        assertTrue(Targets.ALL.all());
        assertEquals(4, selected(Targets.ALL).size());
    }

    @Test
    void aFlowAloneMeansAllItsVersions() {
        assertEquals(List.of("fleet_features@v1", "fleet_features@v2"), selected(Targets.of(List.of("fleet_features"), null)));
    }

    @Test
    void anAddressMeansThatVersion() {
        assertEquals(List.of("fleet_features@v2"), selected(Targets.of(List.of("fleet_features@v2"), null)));
    }

    @Test
    void aStarMatchesWithinANameNeverAcrossTheAt() {
        assertEquals(List.of("fleet_features@v2", "fleet_costs@v2"), selected(Targets.of(List.of("fleet_*@v2"), null)));
        assertEquals(List.of("fleet_features@v1", "fleet_features@v2", "fleet_costs@v2"), selected(Targets.of(List.of("fleet_*"), null)));
        assertEquals(List.of(), selected(Targets.of(List.of("fleet*v2"), null)), "a star does not reach into the version");
        assertEquals(List.of("fleet_features@v1", "claims_triage@v1"), selected(Targets.of(List.of("*@v?"), List.of("*@v2"))));
    }

    @Test
    void excludeWinsOverTarget() {
        assertEquals(List.of("fleet_features@v1", "fleet_costs@v2"),
                selected(Targets.of(List.of("fleet_*"), List.of("fleet_features@v2"))));
        assertEquals(List.of("claims_triage@v1"), selected(Targets.of(null, List.of("fleet_*"))));
    }

    @Test
    void severalTargetsAddUp() {
        assertEquals(List.of("fleet_features@v1", "claims_triage@v1"),
                selected(Targets.of(List.of("claims_triage", "fleet_features@v1"), null)));
    }

    @Test
    void aPatternThatMatchesNothingIsRefusedWithCloseNames() {
        Targets typo = Targets.of(List.of("fleet_featurs"), null);
        Targets.TargetException e = assertThrows(Targets.TargetException.class, () -> typo.requireMatches(KNOWN, "flows.yaml or state"));
        assertEquals("--target 'fleet_featurs' matches no flow version in flows.yaml or state (did you mean fleet_features?);"
                + " check the spelling: flow or flow@version, with * and ? within a name.", e.getMessage());
        assertEquals(ErrorCode.TARGET_PATTERN, e.code());
        Targets version = Targets.of(null, List.of("fleet_features@v9"));
        assertEquals("--exclude 'fleet_features@v9' matches no flow version in flows.yaml (fleet_features has v1, v2);"
                        + " check the spelling: flow or flow@version, with * and ? within a name.",
                assertThrows(Targets.TargetException.class, () -> version.requireMatches(KNOWN, "flows.yaml")).getMessage());
    }

    @Test
    void aMalformedPatternIsRefused() {
        for (String bad : List.of("", "Fleet", "a@b@c", "fleet features", "@v1", "fleet@")) {
            Targets.TargetException e = assertThrows(Targets.TargetException.class, () -> Targets.of(List.of(bad), null), bad);
            assertTrue(e.getMessage().startsWith("--target '" + bad + "' is not a flow version pattern;"), e.getMessage());
        }
    }

    @Test
    void globHasNoExponentialBacktracking() {
        assertFalse(Targets.glob("*a*a*a*a*a*a*a*a*a*a*a*b", "a".repeat(64)));
        assertTrue(Targets.glob("a*", "a"));
        assertTrue(Targets.glob("*", ""));
    }

    @Test
    void describeNamesEveryPattern() {
        assertEquals("--target fleet_* --exclude fleet_costs", Targets.of(List.of("fleet_*"), List.of("fleet_costs")).describe());
    }
}
