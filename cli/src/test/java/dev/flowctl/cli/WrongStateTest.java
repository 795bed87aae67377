package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new, empty state beside an engine that already runs this project's versions is the wrong state
 * (a mistyped --state, a lost file): plan says so in the pull request, and apply refuses before it
 * creates anything, so versions the engine runs are never deployed again under a fresh state.
 */
class WrongStateTest {
    @TempDir
    Path dir;

    @Test
    void planAndApplyRefuseANewStateWhileTheEngineRunsThisProjectsVersions() throws IOException {
        Project p = new Project(dir);
        assertEquals(ExitCode.OK, p.run("apply", "--auto-approve").code());
        Path deployed = dir.resolve(".flowctl/engine/demo/scoring/v1.json");
        String before = Files.readString(deployed);
        Files.createDirectories(dir.resolve("elsewhere"));
        String refusal = "Error: state at " + dir.resolve("elsewhere/state.json") + " records no deployments, but the local engine"
                + " already runs 1 of project demo (scoring@v1), so this is not the state that deployed them; point --state (or"
                + " state: in flows.yaml) at that state, or adopt each one with 'flowctl import scoring@v1 demo/scoring/v1.json'. [FLOWCTL-E0210]\n";

        Cli.Result plan = p.run("plan", "--state", "elsewhere/state.json");
        assertEquals(ExitCode.ERROR, plan.code(), plan::toString);
        assertEquals(refusal, plan.err());
        // Before the refusal, the first line shows where state was looked for, and that it is new there.
        assertEquals("flowctl: project demo, environment default, state " + dir.resolve("elsewhere/state.json") + " (new), engine local\n",
                plan.out());
        Cli.Result apply = p.run("apply", "--auto-approve", "--state", "elsewhere/state.json");
        assertEquals(ExitCode.ERROR, apply.code(), apply::toString);
        assertEquals(refusal, apply.err());
        assertFalse(Files.exists(dir.resolve("elsewhere/state.json")), "no state was created");
        assertEquals(before, Files.readString(deployed), "the deployment was not touched");

        // The way on that the message names: adopting the version into the new state, after which it plans clean.
        Cli.Result imported = p.run("import", "scoring@v1", "demo/scoring/v1.json", "--state", "elsewhere/state.json");
        assertEquals(ExitCode.OK, imported.code(), imported::toString);
        Cli.Result clean = p.run("plan", "--state", "elsewhere/state.json");
        assertEquals(ExitCode.OK, clean.code(), clean::toString);
        assertTrue(clean.out().lines().skip(1).findFirst().orElse("").startsWith("No changes."), clean::out);
    }

    /** Plan runs on pull requests: it never runs a command flows.yaml names, so it does not ask a command engine. */
    @Test
    void planNeverRunsTheCommandEnginesListCommand() {
        Project p = new Project(dir);
        Cli.write(p.flows, Project.V1.replace("engine: { type: local }", "engine: { type: command, deploy: 'true', list: 'touch listed' }"));
        Cli.Result plan = p.run("plan");
        assertEquals(ExitCode.OK, plan.code(), plan::toString);
        assertFalse(Files.exists(dir.resolve("listed")), "plan ran the list command from flows.yaml");
    }

    @Test
    void anotherEnvironmentsDeploymentsDoNotMakeANewStateWrong() {
        Project p = new Project(dir);
        Cli.write(p.flows, Project.V1.replace("engine: { type: local }",
                "engine: { type: local, dir: shared-engine }\nenvironments:\n  dev: {}\n  prod: {}"));
        assertEquals(ExitCode.OK, p.run("apply", "-e", "dev", "--auto-approve").code());
        Cli.Result prod = p.run("apply", "-e", "prod", "--auto-approve");
        assertEquals(ExitCode.OK, prod.code(), prod::toString);
    }
}
