package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.engine.local.LocalRunsEnded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refactoring without redeploying, end to end on the local engine: moved: renames in state and the
 * deployment keeps its reference and its runs; removed: and state rm forget a version the engine
 * keeps; apply --replace redeploys exactly one version.
 */
class RefactoringTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V1 = """
                  v1:
                    inputs:
                      fleet_id: { type: string, required: true }
            """;
    private static final String V2 = """
                  v2:
                    inputs:
                      fleet_id: { type: string, required: true }
            """;

    @TempDir
    Path dir;
    private Path spec;

    @AfterEach
    void runsEnded() {
        LocalRunsEnded.await(dir);
    }

    @BeforeEach
    void project() {
        Cli.write(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Cli.write(dir.resolve("flows/scoring.py"), "print('score')\n");
        Cli.write(dir.resolve("flows/run.py"), "import sys, json\njson.load(sys.stdin)\nprint('ran')\n");
        spec = write("", "scoring", V1 + V2);
        Cli.Result apply = flowctl("apply", "--auto-approve");
        assertEquals(ExitCode.OK, apply.code(), apply::toString);
    }

    private Path write(String top, String flow, String versions) {
        return Cli.write(dir.resolve("flows.yaml"), "project: demo\nengine: { type: local, run: python3 flows/run.py }\n" + top
                + "flows:\n  " + flow + ":\n    source: flows/scoring.py\n    versions:\n" + versions.stripIndent().indent(6));
    }

    private Cli.Result flowctl(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-f";
        all[args.length + 1] = dir.resolve("flows.yaml").toString();
        return Cli.run(all);
    }

    private JsonNode state() throws Exception {
        return JSON.readTree(dir.resolve(".flowctl/state.json").toFile());
    }

    @Test
    void moveRenamesStateAndKeepsTheDeploymentItsReferenceAndItsRuns() throws Exception {
        assumeTrue(RunCommandTest.python3(), "python3 runs the local engine's run command here");
        Cli.Result run = flowctl("run", "scoring@v1", "--input", "{\"fleet_id\": \"f-1\"}", "--wait", "--poll", "100ms");
        assertEquals(ExitCode.OK, run.code(), run::toString);
        Matcher id = Pattern.compile("Started scoring@v1: run (\\S+)").matcher(run.out());
        assertTrue(id.find(), run::toString);
        String ref = state().path("versions").path("scoring@v1").path("engineRef").asText();

        write("moved:\n  - { from: scoring, to: scores }\n", "scores", V1 + V2);
        Cli.Result plan = flowctl("plan", "--detailed-exitcode");
        assertEquals(ExitCode.CHANGES, plan.code(), plan::toString);
        assertTrue(plan.out().contains("# scoring@v1 has moved to scores@v1"), plan::toString);
        assertTrue(plan.out().contains("-> scoring@v1 -> scores@v1"), plan::toString);
        assertTrue(plan.out().contains("Plan: 0 to create, 0 to update, 0 to delete, 2 to move."), plan::toString);
        JsonNode json = JSON.readTree(flowctl("plan", "--format", "json").out());
        assertEquals("move", json.path("changes").get(0).path("action").asText());
        assertEquals("scoring@v1", json.path("changes").get(0).path("movedFrom").asText());
        assertEquals(2, json.path("summary").path("move").asInt());
        assertTrue(flowctl("plan", "--format", "markdown").out().contains("`scoring@v1` → `scores@v1` | move |"));

        Cli.Result apply = flowctl("apply", "--auto-approve");
        assertEquals(ExitCode.OK, apply.code(), apply::toString);
        assertTrue(apply.out().contains("0 created, 0 updated, 0 deleted, 2 moved."), apply::toString);
        JsonNode moved = state().path("versions").path("scores@v1");
        assertEquals(ref, moved.path("engineRef").asText(), "the deployment keeps its reference");
        assertEquals("scoring@v1", moved.path("deployedAs").asText());
        assertFalse(state().path("versions").has("scoring@v1"));
        assertFalse(state().path("tombstones").has("scoring@v1"), "a moved name is not retired");
        assertTrue(Files.exists(dir.resolve(".flowctl/engine/" + ref)), "nothing was redeployed or deleted");

        Cli.Result runs = flowctl("runs", "list", "scores@v1");
        assertTrue(runs.out().contains(id.group(1)), "the run history moved with it:\n" + runs);
        Cli.Result drift = flowctl("drift");
        assertEquals(ExitCode.OK, drift.code(), "drift finds the moved deployment by its reference:\n" + drift);
        Cli.Result again = flowctl("plan", "--detailed-exitcode");
        assertEquals(ExitCode.OK, again.code(), "a moved: entry kept after it was applied does nothing:\n" + again);
        Cli.Result newRun = flowctl("run", "scores@v1", "--input", "{\"fleet_id\": \"f-2\"}", "--wait", "--poll", "100ms");
        assertEquals(ExitCode.OK, newRun.code(), newRun::toString);
    }

    @Test
    void aMoveRecordsTheGuardsTheNewNameDeclares() throws Exception {
        String protectedV1 = V1.replace("inputs:", "protect: true\n        inputs:");
        write("moved:\n  - { from: scoring, to: scores }\n", "scores", protectedV1 + V2);
        Cli.Result apply = flowctl("apply", "--auto-approve");
        assertEquals(ExitCode.OK, apply.code(), apply::toString);
        assertEquals("[\"VERSION\"]", state().path("versions").path("scores@v1").path("protectedBy").toString(),
                "protect: of the moved version is in state at once, not on the next plan");
        Cli.Result again = flowctl("plan", "--detailed-exitcode");
        assertEquals(ExitCode.OK, again.code(), "nothing left to record for the moved versions:\n" + again);
    }

    @Test
    void movePlusABreakingChangeIsStillBlocked() {
        write("moved:\n  - { from: scoring@v1, to: scores@v1 }\n", "scores", """
                v1:
                  inputs:
                    fleet_id: { type: string, required: true }
                    months: { type: int, required: true }
                """);
        Cli.Result plan = flowctl("plan");
        assertEquals(ExitCode.BLOCKED, plan.code(), plan::toString);
        assertTrue(plan.out().contains("scores@v1.inputs.months"), plan::toString);
    }

    @Test
    void movedEntriesThatCannotBeRightAreErrorsWithTheirPosition() {
        write("moved:\n  - { from: scoring@v1, to: nowhere@v1 }\n", "scoring", V1 + V2);
        Cli.Result both = flowctl("plan");
        assertEquals(ExitCode.ERROR, both.code(), both::toString);
        assertTrue(both.err().contains("flows.yaml:4:13: moved: from 'scoring@v1' is still declared in flows.yaml"), both::toString);
        assertTrue(both.err().contains("flows.yaml:4:29: moved: to 'nowhere@v1' is not declared in flows.yaml"), both::toString);

        write("moved:\n  - { from: a@v1, to: scores@v1 }\n  - { from: scores@v1, to: a@v1 }\n", "scores", V1);
        Cli.Result cycle = flowctl("plan");
        assertTrue(cycle.err().contains("moved: entries chain (a@v1 -> scores@v1 -> a@v1)"), cycle::toString);

        // scoring@v2 is in state already: scoring@v1 cannot take its name
        write("moved:\n  - { from: scoring@v1, to: scoring@v2 }\n", "scoring", V2);
        Cli.Result taken = flowctl("plan");
        assertEquals(ExitCode.ERROR, taken.code(), taken::toString);
        assertTrue(taken.err().contains("flows.yaml:4:5: moved: to scoring@v2 is already in state"), taken::toString);
    }

    @Test
    void removedForgetsAVersionTheEngineKeepsRunning() throws Exception {
        String ref = state().path("versions").path("scoring@v2").path("engineRef").asText();
        write("removed:\n  - version: scoring@v2\n", "scoring", V1);
        Cli.Result plan = flowctl("plan");
        assertTrue(plan.out().contains(". scoring@v2"), plan::toString);
        assertTrue(plan.out().contains("Plan: 0 to create, 0 to update, 0 to delete, 1 to forget."), plan::toString);
        Cli.Result apply = flowctl("apply", "--auto-approve");
        assertEquals(ExitCode.OK, apply.code(), apply::toString);
        assertFalse(state().path("versions").has("scoring@v2"));
        assertFalse(state().path("tombstones").has("scoring@v2"), "a forgotten name is not retired");
        assertTrue(Files.exists(dir.resolve(".flowctl/engine/" + ref)), "the engine deployment stays");
        assertEquals(ExitCode.OK, flowctl("plan", "--detailed-exitcode").code(), "the entry stays valid once applied");
    }

    @Test
    void stateRmAsksUnlessApprovedAndKeepsHistory() throws Exception {
        Cli.Result noTty = flowctl("state", "rm", "scoring@v2");
        assertEquals(ExitCode.ERROR, noTty.code(), noTty::toString);
        assertTrue(noTty.err().contains("state rm needs confirmation but there is no terminal"), noTty::toString);
        assertTrue(state().path("versions").has("scoring@v2"));
        Cli.Result unknown = flowctl("state", "rm", "--auto-approve", "scoring@v9");
        assertTrue(unknown.err().contains("scoring@v9 is in state at") || unknown.err().contains("scoring@v9"), unknown::toString);
        assertEquals(ExitCode.ERROR, unknown.code());

        long serial = state().path("serial").asLong();
        Cli.Result rm = flowctl("state", "rm", "--auto-approve", "scoring@v2");
        assertEquals(ExitCode.OK, rm.code(), rm::toString);
        assertTrue(rm.out().contains(". scoring@v2 (engine reference demo/scoring/v2.json)"), rm::toString);
        assertFalse(state().path("versions").has("scoring@v2"));
        assertEquals(serial + 1, state().path("serial").asLong());
        assertTrue(Files.exists(dir.resolve(".flowctl/engine/demo/scoring/v2.json")));
        Cli.Result history = flowctl("state", "history");
        assertTrue(history.out().contains(String.valueOf(serial)), history::toString);
    }

    @Test
    void replaceRedeploysExactlyOneVersion() throws Exception {
        Path v1 = dir.resolve(".flowctl/engine/demo/scoring/v1.json");
        Path v2 = dir.resolve(".flowctl/engine/demo/scoring/v2.json");
        String deployed = Cli.read(v1);
        Cli.write(v1, deployed.replace("\"sourceHash\" : \"", "\"sourceHash\" : \"edited-"));
        String v2Before = Cli.read(v2);
        Cli.Result drift = flowctl("drift");
        assertEquals(ExitCode.CHANGES, drift.code(), drift::toString);
        assertEquals(ExitCode.OK, flowctl("plan", "--detailed-exitcode").code(), "flows.yaml did not change");

        Cli.Result apply = flowctl("apply", "--auto-approve", "--replace", "scoring@v1");
        assertEquals(ExitCode.OK, apply.code(), apply::toString);
        assertTrue(apply.out().contains("-/+ scoring@v1"), apply::toString);
        assertTrue(apply.out().contains("Plan: 0 to create, 0 to update, 0 to delete, 1 to replace."), apply::toString);
        assertEquals(deployed, Cli.read(v1));
        assertEquals(v2Before, Cli.read(v2));
        assertEquals(ExitCode.OK, flowctl("drift").code());

        Cli.Result unknown = flowctl("apply", "--auto-approve", "--replace", "scoring@v7");
        assertEquals(ExitCode.ERROR, unknown.code(), unknown::toString);
        assertTrue(unknown.err().contains("--replace scoring@v7: scoring@v7 is not in state"), unknown::toString);
    }
}
