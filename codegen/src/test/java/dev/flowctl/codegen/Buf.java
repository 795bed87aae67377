package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The buf CLI the build installs with npm (tools/npm-install buf) into tools/buf, run the way a
 * service team runs it on the generated .proto files. Tests that need it are skipped, with a
 * message saying how to install it, where it is absent.
 */
final class Buf {
    static final Path BUF = Path.of("../tools/buf/node_modules/@bufbuild/buf-linux-x64/bin/buf").toAbsolutePath().normalize();

    private Buf() {
    }

    /** Skips the calling test where buf is not installed. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BUF), "buf is not installed at " + BUF
                + "; the build installs it with npm (tools/npm-install buf) before the tests — skipping the buf check");
    }

    /** What buf said: exit 100 is a lint failure or a breaking change, 0 none. */
    record Run(int exit, String output) {
        boolean failed() {
            return exit == 100;
        }
    }

    /** Runs buf with {@code args}; any exit but 0 and 100 (buf itself failed) fails the test. */
    static Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(BUF.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("buf did not finish within 60 s");
        }
        if (p.exitValue() != 0 && p.exitValue() != 100) throw new AssertionError("buf failed (exit " + p.exitValue() + "): " + out);
        return new Run(p.exitValue(), out);
    }

    /** Writes {@code dir/buf.yaml}: a v2 module with {@code yaml} as its lint/breaking settings. */
    static void module(Path dir, String yaml) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("buf.yaml"), "version: v2\n" + yaml, StandardCharsets.UTF_8);
    }
}
