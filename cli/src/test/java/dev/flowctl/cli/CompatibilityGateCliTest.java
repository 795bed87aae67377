package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate end to end on the local engine: plan, apply and state history, as a user runs them. */
class CompatibilityGateCliTest {
    @TempDir
    Path dir;

    private Path spec(String versions) {
        Cli.write(dir.resolve("flows/fleet.py"), "print('features')\n");
        return Cli.write(dir.resolve("flows.yaml"), "project: risk\n"
                + "engine: { type: local }\n"
                + "state: { backend: local }\n"
                + "flows:\n"
                + "  fleet_features:\n"
                + "    source: flows/fleet.py\n"
                + "    versions:\n" + versions);
    }

    private Cli.Result apply(Path file) {
        Cli.Result r = Cli.run("apply", "--auto-approve", "--no-color", "-f", file.toString());
        assertEquals(0, r.code(), r.toString());
        return r;
    }

    @Test
    void anInputRemovedThenReAddedWithAnotherTypeIsBlockedAgainstTheDeployedHistory() {
        apply(spec("      v1:\n        inputs:\n          fleet_id: { type: string, required: true }\n"
                + "          months: { type: int, default: 24 }\n"));
        apply(spec("      v1:\n        inputs:\n          fleet_id: { type: string, required: true }\n"));
        Path file = spec("      v1:\n        inputs:\n          fleet_id: { type: string, required: true }\n"
                + "          months: { type: string, default: all }\n");
        Cli.Result plan = Cli.run("plan", "--no-color", "-f", file.toString());
        assertEquals(ExitCode.BLOCKED, plan.code(), plan.toString());
        assertTrue(plan.out().contains("x flows.yaml:11:11: fleet_features@v1.inputs.months [TYPE_CHANGED]"), plan.out());
        assertTrue(plan.out().contains("compared with the schema of deployment 1 of 2 of fleet_features@v1"), plan.out());
        assertTrue(plan.out().contains("Fix: publish the change as a new version (e.g. fleet_features@v2)"), plan.out());
        Cli.Result refused = Cli.run("apply", "--auto-approve", "--no-color", "-f", file.toString());
        assertEquals(ExitCode.BLOCKED, refused.code(), refused.toString());
    }

    @Test
    void aDeletedVersionCannotBeCreatedAgainAndThePlanSaysWhenItWasDeleted() {
        String v1 = "      v1:\n        inputs:\n          fleet_id: { type: string, required: true }\n";
        String v2 = "      v2:\n        inputs:\n          fleet_id: { type: string, required: true }\n";
        apply(spec(v1 + v2));
        apply(spec(v2));
        Cli.Result plan = Cli.run("plan", "--no-color", "-f", spec(v1 + v2).toString());
        assertEquals(ExitCode.BLOCKED, plan.code(), plan.toString());
        assertTrue(plan.out().contains("[VERSION_TOMBSTONED]"), plan.out());
        assertTrue(plan.out().contains("fleet_features@v1 was deleted on " + LocalDate.now(ZoneOffset.UTC)), plan.out());
    }

    @Test
    void aNestedBreakingChangeIsShownWithItsFullAddress() {
        apply(spec("      v1:\n        inputs:\n          window: { type: struct, required: true, fields: { start: { type: date, required: true } } }\n"));
        Path file = spec("      v1:\n        inputs:\n          window: { type: struct, required: true, fields: "
                + "{ start: { type: date, required: true }, tz: { type: string, required: true } } }\n");
        Cli.Result plan = Cli.run("plan", "--no-color", "-f", file.toString());
        assertEquals(ExitCode.BLOCKED, plan.code(), plan.toString());
        assertTrue(plan.out().contains("x flows.yaml:10:100: fleet_features@v1.inputs.window.tz [FIELD_ADDED_REQUIRED]"), plan.out());
        assertTrue(plan.out().contains("required field 'window.tz' added (backward compatibility)"), plan.out());
    }
}
