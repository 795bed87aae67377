package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 8, at the command line: a hostile {@code -f}, environment name or source path
 * ends in one sentence and exit 1, in bounded time, writing nothing (in particular nothing outside
 * the repository). Cases that could hang run under a generous hang guard.
 */
class HostilePathsTest {
    /** A hang guard, not a performance bound: a regression fails the build instead of stalling it. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private static Cli.Result guarded(String... args) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> Cli.run(args));
    }

    @Test
    void aFifoAsTheSpecIsRefusedWithoutOpeningIt() {
        Path fifo = dir.resolve("flows.yaml");
        mkfifo(fifo);
        for (String command : List.of("validate", "plan", "codegen")) {
            Cli.Result r = guarded(command, "-f", fifo.toString(), "--no-color");
            assertEquals(ExitCode.ERROR, r.code(), r::toString);
            assertEquals(fifo + ": is not a regular file (it is a FIFO, socket or device); point -f/--file at your flows.yaml. [FLOWCTL-E0103]",
                    r.err().lines().findFirst().orElse(""), r::toString);
        }
    }

    @Test
    void aDeviceAsTheSpecIsRefusedWithoutReadingIt() {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero on this system");
        Cli.Result r = guarded("plan", "-f", "/dev/zero", "--no-color");
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertEquals("/dev/zero: is not a regular file (it is a FIFO, socket or device); point -f/--file at your flows.yaml. [FLOWCTL-E0103]\n"
                + "1 problem found; nothing was planned. [FLOWCTL-E0103]\n", r.err());
    }

    @Test
    void anEnvironmentNamedLikeAPathWritesNothingAnywhere() throws IOException {
        Project project = new Project(dir.resolve("a/b/c/repo"));
        List<Path> before = everything();
        for (String env : List.of("../../../x", "../x", "/tmp/x", "a/../../x")) {
            Cli.Result plan = project.run("plan", "-e", env);
            assertEquals(ExitCode.ERROR, plan.code(), plan::toString);
            Cli.Result apply = project.run("apply", "--auto-approve", "-e", env);
            assertEquals(ExitCode.ERROR, apply.code(), apply::toString);
        }
        Cli.write(project.flows, Project.V1 + "environments:\n  '../../../x': {}\n");
        Cli.Result declared = project.run("apply", "--auto-approve", "-e", "../../../x");
        assertEquals(ExitCode.ERROR, declared.code(), declared::toString);
        assertEquals(before, everything(), "no file or directory was created");
        assertFalse(Files.exists(Path.of("/tmp/x/state.json")));
    }

    @Test
    void aSourceLinkingOutOfTheRepositoryFailsThePlanAtItsPosition() throws IOException {
        Project project = new Project(dir.resolve("repo"));
        Files.createDirectories(project.dir.resolve(".git"));
        Path secret = Cli.write(dir.resolve("secret/key.txt"), "not yours\n");
        Files.createSymbolicLink(project.dir.resolve("flows/key.txt"), secret);
        Cli.write(project.flows, Project.V1.replace("source: flows/scoring.py", "source: flows"));
        Cli.Result r = guarded("plan", "-f", project.file(), "--no-color");
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertEquals(project.flows + ":6:13: source 'flows' contains the symlink flows/key.txt, which points outside the repository"
                + " (to " + secret.toRealPath() + "); keep flow code inside it. [FLOWCTL-E0120]\n1 problem found; nothing was planned. [FLOWCTL-E0101]\n", r.err());
        assertFalse(Files.exists(project.dir.resolve(".flowctl")), "state untouched");
    }

    private List<Path> everything() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.sorted().toList();
        }
    }

    /** Creates a named pipe, or skips the test where there is no mkfifo. */
    private static void mkfifo(Path path) {
        int exit;
        try {
            exit = new ProcessBuilder(List.of("mkfifo", path.toString())).inheritIO().start().waitFor();
        } catch (IOException e) {
            exit = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = -1;
        }
        assumeTrue(exit == 0, "mkfifo is not available here");
    }
}
