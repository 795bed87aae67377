package dev.flowctl.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.json.CanonicalJson;
import dev.flowctl.spec.SchemaJson;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import dev.flowctl.state.DeployedVersion;
import dev.flowctl.state.StateDocument;
import dev.flowctl.state.Tombstone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compatibility gate as the planner applies it: addresses, modes, schema history and tombstones. */
class PlannerCompatibilityTest {
    @TempDir
    Path dir;

    @BeforeEach
    void source() throws IOException {
        Files.writeString(dir.resolve("flow.py"), "print('features')\n");
    }

    @Test
    void aBreakingChangeIsAddressedByFlowVersionAndInputPath() {
        Spec deployed = spec("backward", "window: { type: struct, fields: { start: { type: date, required: true } } }");
        Spec desired = spec("backward", "window: { type: struct, fields: { start: { type: date, required: true }, "
                + "end: { type: date, required: true } } }");
        Plan plan = new Planner().plan(desired, null, state(deployed, List.of(schema(deployed))));
        CompatibilityViolation v = single(plan);
        assertEquals("fleet_features@v1.inputs.window.end", v.path());
        assertEquals("FIELD_ADDED_REQUIRED", v.ruleId());
        assertTrue(v.fix().contains("fleet_features@v2"), v.fix());
    }

    @Test
    void reAddingARemovedInputWithAnotherTypeIsCaughtAgainstTheSchemaHistory() {
        Spec first = spec("backward", "fleet_id: { type: string, required: true }\n          months: { type: int, default: 24 }");
        Spec second = spec("backward", "fleet_id: { type: string, required: true }");
        Spec third = spec("backward", "fleet_id: { type: string, required: true }\n          months: { type: string, default: all }");
        Plan plan = new Planner().plan(third, null, state(second, List.of(schema(first), schema(second))));
        CompatibilityViolation v = single(plan);
        assertEquals("fleet_features@v1.inputs.months", v.path());
        assertEquals("TYPE_CHANGED", v.ruleId());
        assertTrue(v.message().contains("deployment 1 of 2"), v.message());
    }

    @Test
    void withoutAnOlderSchemaTheSameReAddIsOnlyAnOptionalInput() {
        Spec second = spec("backward", "fleet_id: { type: string, required: true }");
        Spec third = spec("backward", "fleet_id: { type: string, required: true }\n          months: { type: string, default: all }");
        Plan plan = new Planner().plan(third, null, state(second, List.of(schema(second))));
        assertFalse(plan.blocked(), plan.violations().toString());
        assertEquals("INPUT_ADDED_OPTIONAL", plan.changes().get(0).schemaChanges().get(0).ruleId());
    }

    @Test
    void theFlowsModeDecidesWhatBlocks() {
        Spec deployed = spec("backward", "mode: { type: enum, values: [fast, full] }");
        Spec backward = spec("backward", "mode: { type: enum, values: [fast, full, debug] }");
        Spec forward = spec("forward", "mode: { type: enum, values: [fast, full, debug] }");
        Spec none = spec("none", "mode: { type: enum, values: [fast] }");
        StateDocument state = state(deployed, List.of(schema(deployed)));
        assertFalse(new Planner().plan(backward, null, state).blocked());
        assertEquals("ENUM_VALUE_ADDED", single(new Planner().plan(forward, null, state)).ruleId());
        assertFalse(new Planner().plan(none, null, state).blocked());
    }

    @Test
    void reCreatingADeletedVersionIsRefusedWithTheDateItWasDeleted() {
        Spec desired = spec("backward", "fleet_id: { type: string, required: true }");
        StateDocument state = new StateDocument(StateDocument.FORMAT_VERSION, "lineage", 3, "test", "risk", Map.of(),
                Map.of("fleet_features@v1", new Tombstone("fleet_features", "v1", Instant.parse("2026-03-14T09:30:12Z"), schema(desired))));
        CompatibilityViolation v = single(new Planner().plan(desired, null, state));
        assertEquals("VERSION_TOMBSTONED", v.ruleId());
        assertTrue(v.message().startsWith("fleet_features@v1 was deleted on 2026-03-14 09:30 UTC"), v.message());
    }

    private static CompatibilityViolation single(Plan plan) {
        assertEquals(1, plan.violations().size(), plan.violations().toString());
        return plan.violations().get(0);
    }

    private Spec spec(String mode, String inputs) {
        String text = "project: risk\n"
                + "flows:\n"
                + "  fleet_features:\n"
                + "    compatibility: " + mode + "\n"
                + "    source: flow.py\n"
                + "    versions:\n"
                + "      v1:\n"
                + "        inputs:\n"
                + "          " + inputs + "\n";
        return SpecParser.parse(dir.resolve("flows.yaml"), text);
    }

    private static CanonicalJson schema(Spec spec) {
        return CanonicalJson.of(SchemaJson.toJson(spec.flows().get("fleet_features").versions().get("v1").inputs()));
    }

    /** State where v1 runs {@code deployed}'s source and schema, with the given schema history. */
    private static StateDocument state(Spec deployed, List<CanonicalJson> history) {
        var v = deployed.flows().get("fleet_features").versions().get("v1");
        VersionDigest d = DesiredState.of(deployed, null).digest(v);
        DeployedVersion dv = new DeployedVersion("fleet_features", "v1", d.sourceHash(), d.definitionHash(), "local",
                d.engineSettingsHash(), "ref", schema(deployed), history, Instant.parse("2026-03-01T00:00:00Z"));
        return new StateDocument(StateDocument.FORMAT_VERSION, "lineage", 1, "test", "risk", Map.of(dv.address(), dv), Map.of());
    }
}
