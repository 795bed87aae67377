package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When flows.yaml is not where flowctl looks: say the absolute path it looked at, and what is nearby. */
class SpecLocationTest {
    @TempDir
    Path dir;

    private Path project(Path root) {
        Cli.write(root.resolve("flows/a.py"), "print('a')\n");
        return Cli.write(root.resolve("flows.yaml"), Project.V1.replace("flows/scoring.py", "flows/a.py"));
    }

    @Test
    void aDirectoryNamesTheFlowsYamlInside() {
        Path spec = project(dir.resolve("repo"));
        Cli.Result r = Cli.run("plan", "-f", spec.getParent().toString());
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertEquals(spec.getParent() + ": is a directory, not a flows.yaml; run with -f " + spec + ". [FLOWCTL-E0102]\n"
                + "1 problem found; nothing was planned. [FLOWCTL-E0102]\n", r.err());
    }

    @Test
    void aDirectoryWithoutOneNamesTheOnesOneLevelBelow() {
        Path a = project(dir.resolve("repo/team-a"));
        Path b = project(dir.resolve("repo/team-b"));
        Cli.Result r = Cli.run("validate", "-f", dir.resolve("repo").toString());
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertTrue(r.err().startsWith(dir.resolve("repo") + ": is a directory, not a flows.yaml; found 2 nearby: run with -f " + a
                + " or -f " + b + ". [FLOWCTL-E0102]\n"), r::toString);
    }

    @Test
    void aMissingFileNamesItsAbsolutePathAndTheFlowsYamlAbove() {
        Path spec = project(dir.resolve("repo"));
        Cli.Result r = Cli.run("plan", "-f", dir.resolve("repo/flows/flows.yaml").toString());
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertEquals(dir.resolve("repo/flows/flows.yaml") + ": no such file; found one nearby: run with -f " + spec + ". [FLOWCTL-E0102]\n"
                + "1 problem found; nothing was planned. [FLOWCTL-E0102]\n", r.err());
    }

    @Test
    void theSearchUpwardsStopsAtTheRepositoryRoot() throws Exception {
        project(dir);
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve(".git"));
        Cli.Result r = Cli.run("plan", "-f", repo.resolve("sub/flows.yaml").toString());
        assertEquals(repo.resolve("sub/flows.yaml") + ": no such file; create it, or point -f/--file at your flows.yaml. [FLOWCTL-E0102]\n"
                + "1 problem found; nothing was planned. [FLOWCTL-E0102]\n", r.err(), "the flows.yaml above the git root is another project's");
    }

    /** The default -f is flows.yaml in the working directory: run from a subdirectory of the project. */
    @Test
    void runFromASubdirectory() throws Exception {
        Path spec = project(dir.resolve("repo"));
        Path sub = Files.createDirectories(dir.resolve("repo/flows"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "plan")
                .directory(sub.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(ExitCode.ERROR, p.exitValue(), output);
        assertEquals(sub.toRealPath().resolve("flows.yaml") + ": no such file; found one nearby: run with -f "
                + spec.toRealPath() + ". [FLOWCTL-E0102]\n" + "1 problem found; nothing was planned. [FLOWCTL-E0102]\n", output);
    }
}
