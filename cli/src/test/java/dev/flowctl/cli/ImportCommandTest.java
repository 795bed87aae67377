package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** flowctl import adopts deployments flowctl did not make, only when they match flows.yaml. */
class ImportCommandTest {
    @TempDir
    Path dir;
    private CommandEngineRepo repo;

    /** Deployed "by hand": an apply recorded into a state file that is then thrown away. */
    @BeforeEach
    void deployedByHand() {
        repo = new CommandEngineRepo(dir, 2, 1, "");
        Cli.Result apply = Cli.run("apply", "-f", repo.spec.toString(), "--auto-approve", "--state", "elsewhere.json");
        assertEquals(ExitCode.OK, apply.code(), apply::toString);
    }

    @Test
    void matchingDeploymentIsRecordedAndNeedsNoApply() throws Exception {
        Cli.Result drift = Cli.run("drift", "-f", repo.spec.toString());
        assertEquals(ExitCode.CHANGES, drift.code(), drift::toString);
        assertTrue(drift.out().contains("? flowaa@v1  unmanaged"), drift::toString);

        Cli.Result r = Cli.run("import", "-f", repo.spec.toString(), "flowaa@v1", "scale-flowaa-v1");
        assertEquals(ExitCode.OK, r.code(), r::toString);
        assertTrue(r.out().contains("Imported flowaa@v1 (scale-flowaa-v1) into state; serial 1."), r::toString);
        assertEquals(Set.of("flowaa@v1"), ApplyAtScaleTest.inState(repo.state));
        Cli.Result plan = Cli.run("plan", "-f", repo.spec.toString());
        assertTrue(plan.out().contains("Plan: 1 to create, 0 to update, 0 to delete."), plan::toString);

        Cli.Result again = Cli.run("import", "-f", repo.spec.toString(), "flowaa@v1", "scale-flowaa-v1");
        assertEquals(ExitCode.ERROR, again.code(), again::toString);
        assertTrue(again.err().contains("flowaa@v1 is already in state"), again::toString);
    }

    @Test
    void deploymentThatDiffersFromFlowsYamlIsRefused() {
        Cli.write(repo.dir.resolve("flows/flowaa.py"), "print('changed since it was deployed')\n");
        Cli.Result r = Cli.run("import", "-f", repo.spec.toString(), "flowaa@v1", "scale-flowaa-v1");
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertTrue(r.err().contains("'scale-flowaa-v1' does not match flowaa@v1 in flows.yaml: source is sha256:"), r::toString);
        assertTrue(r.err().contains("deploy it with apply instead of importing it."), r::toString);
    }

    @Test
    void wrongAddressUnknownVersionAndUnknownRefAreErrors() {
        Cli.Result wrong = Cli.run("import", "-f", repo.spec.toString(), "flowab@v1", "scale-flowaa-v1");
        assertTrue(wrong.err().contains("'scale-flowaa-v1' is flowaa@v1 in the command engine, not flowab@v1"), wrong::toString);
        Cli.Result unknown = Cli.run("import", "-f", repo.spec.toString(), "flowzz@v1", "x");
        assertTrue(unknown.err().contains("flowzz@v1 is not in"), unknown::toString);
        Cli.Result missing = Cli.run("import", "-f", repo.spec.toString(), "flowaa@v1", "nope");
        assertTrue(missing.err().contains("the command engine has no deployment 'nope' for project scale"), missing::toString);
        assertEquals(ExitCode.ERROR, missing.code());
    }
}
