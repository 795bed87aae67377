package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `flowctl codegen` on a hostile repository (issue 14): a committed link or a lost flows.lock is
 * one sentence on stderr and exit 1, with nothing written, in generate and in --check alike.
 */
class HostileCodegenCommandTest {
    @TempDir
    Path dir;

    private static final String SPEC = """
            project: risk
            engine: { type: local }
            state: { backend: local }
            flows:
              scores:
                source: flows/f.py
                versions:
                  v1:
                    inputs:
                      a: { type: string }
                      b: { type: int }
                      c: { type: bool }
            """;

    private Path spec(String yaml) {
        Cli.write(dir.resolve("repo/flows/f.py"), "# flow\n");
        return Cli.write(dir.resolve("repo/flows.yaml"), yaml);
    }

    @Test
    void aLinkedOutputFolderIsOneSentenceAndNothingIsWrittenThroughIt() throws Exception {
        Path file = spec(SPEC);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createDirectories(dir.resolve("repo/generated"));
        Path link = Files.createSymbolicLink(dir.resolve("repo/generated/java"), elsewhere);

        Cli.Result r = Cli.run("codegen", "-f", file.toString());

        assertEquals(ExitCode.ERROR, r.code(), r.toString());
        assertEquals("Error: " + link + " is a symbolic link; codegen writes only into real directories under "
                + dir.resolve("repo/generated") + ", so remove the link and run codegen again. [FLOWCTL-E0505]\n", r.err());
        try (var files = Files.list(elsewhere)) {
            assertEquals(0, files.count());
        }
        assertFalse(Files.exists(dir.resolve("repo/flows.lock")));
        assertEquals(ExitCode.ERROR, Cli.run("codegen", "--check", "-f", file.toString()).code());
    }

    @Test
    void aDeletedLockSaysHowToRestoreItInsteadOfRenumbering() throws Exception {
        Path file = spec(SPEC);
        assertEquals(0, Cli.run("codegen", "-f", file.toString()).code());
        spec(SPEC.replace("          b: { type: int }\n", ""));
        assertEquals(0, Cli.run("codegen", "-f", file.toString()).code());
        Path proto = dir.resolve("repo/generated/proto/risk/flows/scores/v1/scores.proto");
        String published = Files.readString(proto);
        Path lock = dir.resolve("repo/flows.lock");
        Files.delete(lock);

        Cli.Result r = Cli.run("codegen", "-f", file.toString());

        assertEquals(ExitCode.ERROR, r.code(), r.toString());
        assertEquals("Error: " + lock + " is missing, so the numbers that " + proto + " already published would change"
                + " (in message ScoresInput, reserved 2 would go to 'c', 'c' = 3 would be dropped);"
                + " restore flows.lock from version control (git checkout -- flows.lock) and run flowctl codegen again. [FLOWCTL-E0502]\n", r.err());
        assertEquals(published, Files.readString(proto));
        assertFalse(Files.exists(lock));
        Cli.Result check = Cli.run("codegen", "--check", "-f", file.toString());
        assertEquals(ExitCode.ERROR, check.code(), check.toString());
        assertTrue(check.err().contains("git checkout -- flows.lock"), check.err());
    }
}
