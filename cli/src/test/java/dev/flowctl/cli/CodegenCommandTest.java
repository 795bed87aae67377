package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `flowctl codegen` as a user runs it: generate, re-run, --check after an edit and after removing an input. */
class CodegenCommandTest {
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
                      fleet_id: { type: string, required: true }
                      region: { type: string }
            """;

    private Path spec(String yaml) {
        Cli.write(dir.resolve("flows/f.py"), "# flow\n");
        return Cli.write(dir.resolve("flows.yaml"), yaml);
    }

    @Test
    void generatesThenFindsNothingToDo() {
        Path file = spec(SPEC);
        Cli.Result first = Cli.run("codegen", "-f", file.toString());
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.out().contains("Generated contracts of 1 flow version in " + dir.resolve("generated") + ": 5 written, 0 unchanged, 0 removed."), first.out());
        assertTrue(first.out().contains("Updated " + dir.resolve("flows.lock") + "; commit it"), first.out());
        assertTrue(Files.exists(dir.resolve("generated/proto/risk/flows/scores/v1.proto")));

        Cli.Result again = Cli.run("codegen", "-f", file.toString());
        assertTrue(again.out().contains(": 0 written, 5 unchanged, 0 removed."), again.out());
        assertEquals(0, Cli.run("codegen", "--check", "-f", file.toString()).code());
    }

    @Test
    void checkFailsAfterAGeneratedFileIsEditedByHand() throws Exception {
        Path file = spec(SPEC);
        Cli.run("codegen", "-f", file.toString(), "--lang", "proto", "--out", dir.resolve("gen").toString());
        Path proto = dir.resolve("gen/proto/risk/flows/scores/v1.proto");
        Files.writeString(proto, Files.readString(proto).replace("optional string region = 2;", "optional int64 region = 2;"));

        Cli.Result check = Cli.run("codegen", "--check", "-f", file.toString(), "--lang", "proto", "--out", dir.resolve("gen").toString());

        assertEquals(ExitCode.CHANGES, check.code(), check.toString());
        assertEquals("1 file does not match " + file + ":\n  " + proto
                + ": edited by hand (its checksum no longer matches); generated files must not be edited, run flowctl codegen to restore it\n",
                check.out());
    }

    @Test
    void removingAnInputReservesItsNumberAndName() throws Exception {
        Path file = spec(SPEC);
        Cli.run("codegen", "-f", file.toString());
        spec(SPEC.replace("          region: { type: string }\n", ""));

        Cli.Result stale = Cli.run("codegen", "--check", "-f", file.toString());
        assertEquals(ExitCode.CHANGES, stale.code(), stale.toString());
        assertTrue(stale.out().contains("flows.lock: does not pin the numbers of the current flows.yaml"), stale.out());

        assertEquals(0, Cli.run("codegen", "-f", file.toString()).code());
        String proto = Files.readString(dir.resolve("generated/proto/risk/flows/scores/v1.proto"));
        assertTrue(proto.contains("  reserved 2;\n  reserved \"region\";\n"), proto);
        assertTrue(Files.readString(dir.resolve("flows.lock")).contains("scores@v1 reserved-field region 2\n"));
    }

    @Test
    void anUnknownLanguageIsOneSentence() {
        Path file = spec(SPEC);
        Cli.Result r = Cli.run("codegen", "-f", file.toString(), "--lang", "proto,go");
        assertEquals(ExitCode.ERROR, r.code());
        assertEquals("Error: unknown codegen language 'go'; use one or more of proto, java.\n", r.err());
    }
}
