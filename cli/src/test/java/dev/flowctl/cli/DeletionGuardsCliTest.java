package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deprecation and deletion guards end to end on the local engine, as a user meets them in plan and apply. */
class DeletionGuardsCliTest {
    @TempDir
    Path dir;

    private static final String V2 = "      v2:\n        inputs: { fleet_id: { type: string, required: true } }\n";

    private Path spec(String flowKeys, String versions) {
        Cli.write(dir.resolve("flows/fleet.py"), "print('features')\n");
        return Cli.write(dir.resolve("flows.yaml"), "project: risk\n"
                + "engine: { type: local }\n"
                + "state: { backend: local }\n"
                + "flows:\n"
                + "  fleet_features:\n"
                + "    source: flows/fleet.py\n"
                + flowKeys
                + "    versions:\n" + versions);
    }

    private static String v1(String keys) {
        return "      v1:\n" + keys + "        inputs: { fleet_id: { type: string, required: true } }\n";
    }

    private Cli.Result apply(Path file) {
        Cli.Result r = Cli.run("apply", "--auto-approve", "--no-color", "-f", file.toString());
        assertEquals(0, r.code(), r.toString());
        return r;
    }

    @Test
    void deletingAProtectedVersionExitsThreeEvenWhenTheFlagIsRemovedWithIt() {
        apply(spec("", v1("        protect: true\n") + V2));
        Path file = spec("", V2);
        Cli.Result plan = Cli.run("plan", "--no-color", "-f", file.toString());
        assertEquals(ExitCode.BLOCKED, plan.code(), plan.toString());
        assertTrue(plan.out().contains("fleet_features@v1 [VERSION_PROTECTED]"), plan.out());
        assertTrue(plan.out().contains("Fix: to delete it, first remove protect: true from the version and apply that change on its own"),
                plan.out());
        Cli.Result refused = Cli.run("apply", "--auto-approve", "--no-color", "-f", file.toString());
        assertEquals(ExitCode.BLOCKED, refused.code(), refused.toString());
        assertTrue(Cli.read(dir.resolve(".flowctl/state.json")).contains("\"fleet_features@v1\""), "still deployed and recorded");
    }

    @Test
    void unprotectingThenDeletingAcrossTwoAppliesWorks() {
        apply(spec("    protect: true\n", v1("") + V2));
        Cli.Result unprotect = apply(spec("", v1("") + V2));
        assertTrue(unprotect.out().contains("protect changed, recorded in state only"), unprotect.out());
        assertTrue(unprotect.out().contains("0 created, 2 updated, 0 deleted"), unprotect.out());
        Cli.Result delete = apply(spec("", V2));
        assertTrue(delete.out().contains("the name fleet_features@v1 is retired permanently"), delete.out());
        assertTrue(delete.out().contains("0 created, 0 updated, 1 deleted"), delete.out());
    }

    @Test
    void aProtectedFlowCannotBeDeletedWithItsFlag() {
        apply(spec("    protect: true\n", v1("")));
        Path other = Cli.write(dir.resolve("flows.yaml"), "project: risk\nengine: { type: local }\nstate: { backend: local }\n"
                + "flows:\n  other:\n    source: flows/fleet.py\n    versions: { v1: {} }\n");
        Cli.Result plan = Cli.run("plan", "--no-color", "-f", other.toString());
        assertEquals(ExitCode.BLOCKED, plan.code(), plan.toString());
        assertTrue(plan.out().contains("[FLOW_PROTECTED]"), plan.out());
    }

    @Test
    void aDeprecatedVersionIsAWarningInEveryFormat() {
        Path file = spec("", v1("        deprecated: { replacement: v2, sunset: 2027-03-01, reason: v2 reads the new store }\n") + V2);
        Cli.Result text = Cli.run("plan", "--no-color", "-f", file.toString());
        assertEquals(0, text.code(), text.toString());
        assertTrue(text.out().contains("Warning: flows.yaml:8:7: fleet_features@v1 is deprecated (use v2 instead; sunset 2027-03-01;"
                + " reason: v2 reads the new store). [VERSION_DEPRECATED]"), text.out());
        Cli.Result json = Cli.run("plan", "--format", "json", "-f", file.toString());
        assertTrue(json.out().contains("\"code\" : \"VERSION_DEPRECATED\""), json.out());
        Cli.Result markdown = Cli.run("plan", "--format", "markdown", "-f", file.toString());
        assertTrue(markdown.out().contains("### Warnings"), markdown.out());
        assertTrue(markdown.out().contains("`VERSION_DEPRECATED`"), markdown.out());
        Cli.Result github = Cli.run("plan", "--format", "github", "-f", file.toString());
        assertTrue(github.out().contains("::warning file=flows.yaml,line=8,col=7,title=Warning VERSION_DEPRECATED for fleet_features@v1::"
                + "fleet_features@v1 is deprecated"), github.out());

        apply(file);
        Cli.Result unchanged = Cli.run("plan", "--no-color", "-f", file.toString());
        assertTrue(unchanged.out().contains("\nNo changes."), unchanged.out()); // after the first line
        assertTrue(unchanged.out().contains("[VERSION_DEPRECATED]"), "still warned while it is live: " + unchanged.out());
    }

    @Test
    void deletingAVersionBeforeItsSunsetIsAWarningAndEveryDeletionRetiresTheName() {
        String sunset = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
        apply(spec("", v1("        deprecated: { replacement: v2, sunset: " + sunset + " }\n") + V2));
        Path file = spec("", V2);
        Cli.Result plan = Cli.run("plan", "--no-color", "-f", file.toString());
        assertEquals(0, plan.code(), plan.toString());
        assertTrue(plan.out().contains("fleet_features@v1 is deleted before its sunset date " + sunset + ", which its deprecation"
                + " promised callers. [DELETE_BEFORE_SUNSET]"), plan.out());
        assertTrue(plan.out().contains("the name fleet_features@v1 is retired permanently"), plan.out());
        Cli.Result json = Cli.run("plan", "--format", "json", "-f", file.toString());
        assertTrue(json.out().contains("\"retiresName\" : true"), json.out());
        Cli.Result markdown = Cli.run("plan", "--format", "markdown", "-f", file.toString());
        assertTrue(markdown.out().contains("removed from flows.yaml; the name is retired permanently"), markdown.out());
    }

    @Test
    void aSavedPlanKeepsItsGuardsAndWarnings() {
        apply(spec("", v1("") + V2));
        Path file = spec("", v1("        protect: true\n        deprecated: { reason: old }\n") + V2);
        Path saved = dir.resolve("guards.flowplan");
        Cli.Result plan = Cli.run("plan", "--no-color", "-out", saved.toString(), "-f", file.toString());
        assertEquals(0, plan.code(), plan.toString());
        Cli.Result show = Cli.run("show", "--no-color", saved.toString());
        assertTrue(show.out().contains("[VERSION_DEPRECATED]"), show.toString());
        Cli.Result applied = Cli.run("apply", "--no-color", "-f", file.toString(), saved.toString());
        assertEquals(0, applied.code(), applied.toString());
        String state = Cli.read(dir.resolve(".flowctl/state.json"));
        assertTrue(state.contains("\"protectedBy\" : [ \"VERSION\" ]"), state);
        assertTrue(state.contains("\"reason\" : \"old\""), state);
        assertFalse(Cli.run("plan", "--no-color", "-f", file.toString()).out().contains("to update"), "recorded: nothing left to do");
    }
}
