package dev.flowctl.plan;

import static dev.flowctl.plan.PlanFixtures.applied;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.json.CanonicalJson;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.SchemaJson;
import dev.flowctl.spec.Spec;
import dev.flowctl.state.StateDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerTest {
    @TempDir
    Path dir;

    private final Planner planner = new Planner();

    private static final String BASE = """
            project: risk
            flows:
              scoring:
                source: flow.py
                versions:
                  v1:
                    inputs:
                      fleet_id: { type: string, required: true }
                      months:   { type: int, default: 24 }
                      mode:     { type: enum, values: [fast, full], default: fast }
            """;

    @BeforeEach
    void source() throws IOException {
        PlanFixtures.writeSource(dir);
    }

    private Spec spec(String yaml) throws IOException {
        return PlanFixtures.spec(dir, yaml);
    }

    private PlannedChange only(Plan plan) {
        assertEquals(1, plan.changes().size(), plan.toString());
        return plan.changes().get(0);
    }

    @Test
    void newVersionIsCreatedWithItsInputsListed() throws IOException {
        Plan plan = planner.plan(spec(BASE), null, null);
        PlannedChange c = only(plan);
        assertEquals(Action.CREATE, c.action());
        assertEquals(Set.of(ActionReason.NEW_VERSION), c.reasons());
        assertEquals(List.of("fleet_id", "mode", "months"), c.schemaChanges().stream().map(f -> f.path()).toList());
        assertFalse(plan.blocked());
        assertEquals(null, plan.lineage());
    }

    @Test
    void unchangedSpecPlansNoChanges() throws IOException {
        Spec spec = spec(BASE);
        Plan plan = planner.plan(spec, null, applied(spec));
        assertEquals(Action.NO_OP, only(plan).action());
        assertFalse(plan.hasChanges());
    }

    @Test
    void reorderingInputsOrEditingDescriptionsChangesNothing() throws IOException {
        StateDocument state = applied(spec(BASE));
        Spec reordered = spec(BASE.replace(FLEET, "").replace(MODE,
                MODE + "          fleet_id: { type: string, required: true, description: The fleet }\n"));
        assertEquals(Action.NO_OP, only(planner.plan(reordered, null, state)).action());
    }

    @Test
    void editedSourceIsAnUpdate() throws IOException {
        Spec spec = spec(BASE);
        StateDocument state = applied(spec);
        Files.writeString(dir.resolve("flow.py"), "print('v1, fixed')\n");
        PlannedChange c = only(planner.plan(spec, null, state));
        assertEquals(Action.UPDATE, c.action());
        assertEquals(Set.of(ActionReason.SOURCE_CHANGED), c.reasons());
    }

    @Test
    void changedEngineSettingsIsAnUpdate() throws IOException {
        StateDocument state = applied(spec(BASE));
        Spec spec = spec(BASE.replace("      v1:\n", "      v1:\n        engine: { timeout: 60 }\n"));
        PlannedChange c = only(planner.plan(spec, null, state));
        assertEquals(Set.of(ActionReason.ENGINE_SETTINGS_CHANGED), c.reasons());
    }

    @Test
    void aVersionTheEngineLostIsDeployedAgain() throws IOException {
        Spec spec = spec(BASE);
        StateDocument state = applied(spec);
        PlannedChange c = only(planner.plan(spec, null, state, Set.of(new FlowVersionAddress("scoring", "v1"))));
        assertEquals(Action.UPDATE, c.action());
        assertEquals(Set.of(ActionReason.MISSING_FROM_ENGINE), c.reasons());
        assertEquals(Action.NO_OP, only(planner.plan(spec, null, state, Set.of())).action());
    }

    @Test
    void directorySourcesHashEveryFile() throws IOException {
        Files.createDirectories(dir.resolve("pkg/sub"));
        Files.writeString(dir.resolve("pkg/main.py"), "a\n");
        Files.writeString(dir.resolve("pkg/sub/util.py"), "b\n");
        Spec spec = spec(BASE.replace("source: flow.py", "source: pkg"));
        StateDocument state = applied(spec);
        Files.writeString(dir.resolve("pkg/sub/util.py"), "c\n");
        assertEquals(Set.of(ActionReason.SOURCE_CHANGED), only(planner.plan(spec, null, state)).reasons());
        Files.writeString(dir.resolve("pkg/sub/util.py"), "b\n");
        Files.move(dir.resolve("pkg/sub/util.py"), dir.resolve("pkg/sub/renamed.py"));
        assertEquals(Set.of(ActionReason.SOURCE_CHANGED), only(planner.plan(spec, null, state)).reasons(), "a rename counts");
    }

    @Test
    void aCreateOrUpdateCarriesWhatApplyDeploysAndNothingElseDoes() throws IOException {
        Files.writeString(dir.resolve("flow.asl.json"), "{\"StartAt\": \"A\", \"States\": {}}\n");
        Spec spec = spec(BASE.replace("      v1:\n", "      v1:\n        definition: flow.asl.json\n        engine: { timeout: 60 }\n"));
        PlannedChange created = only(planner.plan(spec, null, null));
        PlannedDeployment d = created.deployment();
        assertEquals("flow.py", d.source());
        assertEquals("flow.asl.json", d.definition());
        assertEquals(ContentHasher.hash(d.definitionContent()), created.digest().definitionHash(), "the bytes the digest names");
        assertEquals(CanonicalJson.of(dev.flowctl.spec.SchemaJson.toJson(spec.versions().get(0).inputs())), d.schema());
        assertEquals(60L, d.settings().values().get("timeout"));
        assertEquals(DesiredState.settingsHash(d.settings()), created.digest().engineSettingsHash());

        StateDocument state = applied(spec);
        assertEquals(null, only(planner.plan(spec, null, state)).deployment(), "a no-op deploys nothing");
        Files.writeString(dir.resolve("flow.py"), "print('v1, fixed')\n");
        assertEquals(d, only(planner.plan(spec, null, state)).deployment(), "an update carries the same, a new source digest aside");
    }

    @Test
    void versionGoneFromSpecIsDeleted() throws IOException {
        StateDocument state = applied(spec(BASE.replace("      v1:\n", "      v2:\n        inputs: {}\n      v1:\n")));
        Plan plan = planner.plan(spec(BASE), null, state);
        PlannedChange v2 = plan.changes().stream().filter(c -> c.address().version().equals("v2")).findFirst().orElseThrow();
        assertEquals(Action.DELETE, v2.action());
        assertEquals(Set.of(ActionReason.REMOVED_FROM_SPEC), v2.reasons());
        assertEquals(1, plan.count(Action.DELETE));
        assertEquals(1, plan.count(Action.NO_OP));
    }

    @Test
    void recreatingADeletedVersionIsRefused() throws IOException {
        Spec spec = spec(BASE);
        StateDocument state = applied(spec).withoutVersion("scoring@v1", Instant.parse("2026-03-01T10:00:00Z"));
        PlannedChange c = only(planner.plan(spec, null, state));
        assertEquals(Action.CREATE, c.action());
        assertTrue(c.blocked());
        assertEquals(Planner.VERSION_TOMBSTONED, c.violations().get(0).ruleId());
        assertTrue(c.violations().get(0).message().contains("2026-03-01"), c.violations().get(0).message());
        assertTrue(c.violations().get(0).fix().contains("scoring@v2"), c.violations().get(0).fix());
    }

    private static final String FLEET = "          fleet_id: { type: string, required: true }\n";
    private static final String MONTHS = "          months:   { type: int, default: 24 }\n";
    private static final String MODE = "          mode:     { type: enum, values: [fast, full], default: fast }\n";

    /** One row of DESIGN.md's compatibility table: replace a line of BASE, expect a rule (null: safe). */
    record Row(String change, String line, String replacement, String rule) {
        @Override
        public String toString() {
            return change;
        }
    }

    static List<Row> designTable() {
        return List.of(
                new Row("add an optional input", MONTHS, MONTHS + "          region: { type: string }\n", null),
                new Row("add an input with a default", MONTHS, MONTHS + "          region: { type: string, default: eu }\n", null),
                new Row("add a required input", MONTHS, MONTHS + "          region: { type: string, required: true }\n", "INPUT_ADDED_REQUIRED"),
                new Row("required becomes optional", FLEET, "          fleet_id: { type: string }\n", null),
                new Row("required gets a default", FLEET, "          fleet_id: { type: string, default: all }\n", null),
                new Row("optional becomes required", MONTHS, "          months: { type: int, required: true }\n", "INPUT_MADE_REQUIRED"),
                new Row("type changes", MONTHS, "          months: { type: string, default: '24' }\n", "TYPE_CHANGED"),
                new Row("input removed", MONTHS, "", null),
                new Row("enum value removed", MODE, "          mode: { type: enum, values: [fast], default: fast }\n", "ENUM_VALUE_REMOVED"),
                new Row("enum value added", MODE, "          mode: { type: enum, values: [fast, full, exact], default: fast }\n", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designTable")
    void compatibilityTable(Row row) throws IOException {
        StateDocument state = applied(spec(BASE));
        assertTrue(BASE.contains(row.line()), row.line());
        Plan plan = planner.plan(spec(BASE.replace(row.line(), row.replacement())), null, state);
        PlannedChange c = only(plan);
        assertEquals(Action.UPDATE, c.action(), row.change());
        assertTrue(c.reasons().contains(ActionReason.SCHEMA_CHANGED), row.change());
        if (row.rule() == null) {
            assertFalse(plan.blocked(), () -> row.change() + " should be safe: " + plan.violations());
        } else {
            assertTrue(plan.blocked(), row.change() + " should be blocked");
            assertEquals(List.of(row.rule()), plan.violations().stream().map(CompatibilityViolation::ruleId).toList());
            CompatibilityViolation v = plan.violations().get(0);
            assertTrue(v.path().startsWith("scoring@v1.inputs."), v.path());
            assertTrue(v.fix().contains("new version (e.g. scoring@v2)"), v.fix());
        }
    }

    @Test
    void compatibilityModeNoneAllowsAnything() throws IOException {
        StateDocument state = applied(spec(BASE));
        Spec spec = spec(BASE.replace("project: risk\n", "project: risk\ncompatibility: none\n")
                .replace(MONTHS, "          months: { type: string, required: true }\n"));
        Plan plan = planner.plan(spec, null, state);
        assertEquals(Action.UPDATE, only(plan).action());
        assertFalse(plan.blocked());
    }

    @Test
    void plansOrderByFlowThenNaturalVersion() throws IOException {
        Spec spec = spec(BASE.replace("      v1:\n", "      v10:\n        inputs: {}\n      v2:\n        inputs: {}\n      v1:\n"));
        assertEquals(List.of("v1", "v2", "v10"), planner.plan(spec, null, null).changes().stream()
                .map(PlannedChange::address).map(FlowVersionAddress::version).toList());
    }
}
