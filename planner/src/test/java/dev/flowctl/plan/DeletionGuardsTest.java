package dev.flowctl.plan;

import static dev.flowctl.plan.PlanFixtures.applied;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.compat.check.CompatibilityChecker;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Spec;
import dev.flowctl.state.Protection;
import dev.flowctl.state.StateDocument;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deprecation and deletion guards: each finding the planner makes, from flows.yaml and from applied state. */
class DeletionGuardsTest {
    @TempDir
    Path dir;

    /** Today is 2026-06-01 for every sunset in these tests. */
    private final Planner planner = new Planner(new CompatibilityChecker(),
            Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));

    private static final String TWO = """
            project: risk
            flows:
              scoring:
                source: flow.py
                versions:
                  v1:
                    VERSION1
                    inputs: { months: { type: int } }
                  v2:
                    inputs: { months: { type: int } }
            """;

    @BeforeEach
    void source() throws IOException {
        PlanFixtures.writeSource(dir);
    }

    private Spec spec(String yaml) throws IOException {
        return PlanFixtures.spec(dir, yaml);
    }

    private static String v1(String keys) {
        return TWO.replace("VERSION1", keys);
    }

    /** The state after applying {@code plan}: what state records for each version's guards. */
    private static StateDocument appliedGuards(StateDocument state, Plan plan) {
        for (PlannedChange c : plan.changes()) {
            if (c.action() == Action.DELETE) {
                state = state.withoutVersion(c.address().toString(), Instant.EPOCH);
            } else {
                var current = state.versions().get(c.address().toString());
                state = state.withVersion(current.withGuards(c.guards().protect(), c.guards().deprecated()));
            }
        }
        return state;
    }

    private static PlannedChange change(Plan plan, String address) {
        return plan.changes().stream().filter(c -> c.address().toString().equals(address)).findFirst().orElseThrow();
    }

    private static final String ONLY_V2 = """
            project: risk
            flows:
              scoring:
                source: flow.py
                versions:
                  v2:
                    inputs: { months: { type: int } }
            """;

    @Test
    void aDeprecatedVersionIsAWarningNamingReplacementSunsetAndReason() throws IOException {
        Spec spec = spec(v1("deprecated: { replacement: v2, sunset: 2027-03-01, reason: months moved to v2 }"));
        Plan plan = planner.plan(spec, null, null);
        List<PlanWarning> warnings = plan.warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals(PlanWarning.VERSION_DEPRECATED, warnings.get(0).code());
        assertEquals("scoring@v1 is deprecated (use v2 instead; sunset 2027-03-01; reason: months moved to v2).", warnings.get(0).message());
        assertEquals(6, warnings.get(0).position().line(), "the warning points at the version in flows.yaml");
        assertFalse(plan.blocked());
    }

    @Test
    void aDeprecatedVersionAlreadyAppliedStillWarnsThoughNothingChanges() throws IOException {
        Spec spec = spec(v1("deprecated: { sunset: 2026-01-01 }"));
        StateDocument state = appliedGuards(applied(spec), planner.plan(spec, null, applied(spec)));
        Plan plan = planner.plan(spec, null, state);
        assertFalse(plan.hasChanges(), plan.toString());
        assertEquals("scoring@v1 is deprecated (sunset 2026-01-01); its sunset has passed, so it may be deleted once its callers have moved.",
                plan.warnings().get(0).message());
    }

    @Test
    void addingProtectOrDeprecatedIsAStateOnlyUpdate() throws IOException {
        Spec before = spec(v1(""));
        StateDocument state = applied(before);
        Plan plan = planner.plan(spec(v1("protect: true\n        deprecated: { reason: old }")), null, state);
        PlannedChange c = change(plan, "scoring@v1");
        assertEquals(Action.UPDATE, c.action());
        assertEquals(Set.of(ActionReason.PROTECTION_CHANGED, ActionReason.DEPRECATION_CHANGED), c.reasons());
        assertTrue(c.stateOnly(), "nothing is redeployed");
        assertEquals(Set.of(Protection.VERSION), c.guards().protect());
        assertEquals(Action.NO_OP, change(plan, "scoring@v2").action());
    }

    @Test
    void deletingAProtectedVersionIsBlockedEvenWhenTheFlagGoesInTheSameChange() throws IOException {
        Spec protectedSpec = spec(v1("protect: true"));
        StateDocument state = appliedGuards(applied(protectedSpec), planner.plan(protectedSpec, null, applied(protectedSpec)));
        Plan plan = planner.plan(spec(ONLY_V2), null, state);
        PlannedChange delete = change(plan, "scoring@v1");
        assertEquals(Action.DELETE, delete.action());
        assertTrue(plan.blocked());
        assertEquals(DeletionGuards.VERSION_PROTECTED, delete.violations().get(0).ruleId());
        assertEquals("scoring@v1 is protected (an applied change set protect: true on it), so it cannot be deleted",
                delete.violations().get(0).message());
    }

    @Test
    void removingTheFlagInAnEarlierAppliedChangeAllowsTheDeletion() throws IOException {
        Spec protectedSpec = spec(v1("protect: true"));
        StateDocument state = appliedGuards(applied(protectedSpec), planner.plan(protectedSpec, null, applied(protectedSpec)));
        Plan unprotect = planner.plan(spec(v1("")), null, state);
        assertEquals(Set.of(ActionReason.PROTECTION_CHANGED), change(unprotect, "scoring@v1").reasons());
        state = appliedGuards(state, unprotect);
        Plan delete = planner.plan(spec(ONLY_V2), null, state);
        assertFalse(delete.blocked(), delete.violations().toString());
        assertEquals(Action.DELETE, change(delete, "scoring@v1").action());
    }

    @Test
    void aProtectedFlowBlocksDeletingTheFlowButNotOneOfItsVersions() throws IOException {
        String flowProtected = v1("").replace("    source: flow.py\n", "    source: flow.py\n    protect: true\n");
        Spec spec = spec(flowProtected);
        StateDocument state = appliedGuards(applied(spec), planner.plan(spec, null, applied(spec)));
        assertEquals(Set.of(Protection.FLOW), state.versions().get("scoring@v1").protectedBy());

        Plan oneVersion = planner.plan(spec(ONLY_V2.replace("    source: flow.py\n", "    source: flow.py\n    protect: true\n")), null, state);
        assertFalse(oneVersion.blocked(), "a version of a protected flow may go: " + oneVersion.violations());

        Plan wholeFlow = planner.plan(spec("project: risk\nflows:\n  other:\n    source: flow.py\n    versions: { v1: {} }\n"), null, state);
        assertTrue(wholeFlow.blocked());
        assertEquals(List.of(DeletionGuards.FLOW_PROTECTED, DeletionGuards.FLOW_PROTECTED),
                wholeFlow.violations().stream().map(CompatibilityViolation::ruleId).toList());
    }

    @Test
    void deletingAVersionBeforeItsSunsetIsAWarning() throws IOException {
        Spec spec = spec(v1("deprecated: { replacement: v2, sunset: 2026-09-01 }"));
        StateDocument state = appliedGuards(applied(spec), planner.plan(spec, null, applied(spec)));
        Plan plan = planner.plan(spec(ONLY_V2), null, state);
        assertFalse(plan.blocked());
        PlanWarning w = change(plan, "scoring@v1").warnings().get(0);
        assertEquals(PlanWarning.DELETE_BEFORE_SUNSET, w.code());
        assertEquals("scoring@v1 is deleted before its sunset date 2026-09-01, which its deprecation promised callers.", w.message());
    }

    @Test
    void deletingAVersionAfterItsSunsetIsNoWarning() throws IOException {
        Spec spec = spec(v1("deprecated: { sunset: 2026-05-31 }"));
        StateDocument state = appliedGuards(applied(spec), planner.plan(spec, null, applied(spec)));
        assertEquals(List.of(), change(planner.plan(spec(ONLY_V2), null, state), "scoring@v1").warnings());
    }

    @Test
    void deletingAVersionTheGatewaySawCalledIsAWarningNamingTheCount() throws IOException {
        Spec spec = spec(v1(""));
        StateDocument state = applied(spec);
        var calls = Map.of(new FlowVersionAddress("scoring", "v1"), new RecentCalls(42, Instant.parse("2026-05-30T08:00:00Z"), 30));
        Plan plan = planner.plan(spec(ONLY_V2), null, state, Set.of(), calls);
        PlanWarning w = change(plan, "scoring@v1").warnings().get(0);
        assertEquals(PlanWarning.DELETE_RECENTLY_CALLED, w.code());
        assertEquals("scoring@v1 was called 42 times through the gateway in the last 30 days (last on 2026-05-30T08:00:00Z);"
                + " move those callers before deleting it.", w.message());
    }
}
