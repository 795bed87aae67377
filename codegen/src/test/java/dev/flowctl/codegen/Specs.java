package dev.flowctl.codegen;

import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Specs written to a temporary directory and parsed as the CLI would. */
final class Specs {
    private Specs() {
    }

    static Spec write(Path dir, String yaml) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("flows.yaml"), yaml, StandardCharsets.UTF_8);
            Files.createDirectories(dir.resolve("flows"));
            Files.writeString(dir.resolve("flows/f.py"), "# flow\n", StandardCharsets.UTF_8);
            return SpecParser.parse(dir.resolve("flows.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * flows.yaml of project risk (local engine and state) with one flow, scores from flows/f.py,
     * whose versions are {@code versions}: YAML written at column 0, one version per top-level key.
     * Most codegen tests differ only in those versions, so the rest is written once, here.
     */
    static String scoresYaml(String versions) {
        return """
                project: risk
                engine: { type: local }
                state: { backend: local }
                flows:
                  scores:
                    source: flows/f.py
                    versions:
                """ + versions.indent(6);
    }

    /**
     * Project risk with one flow version, scores@v1, whose inputs are {@code inputs}: YAML written
     * at column 6, one input per key.
     */
    static Spec oneVersion(Path dir, String inputs) {
        return write(dir, scoresYaml("""
                v1:
                  inputs:
                """) + inputs.indent(4));
    }

    static Path golden() {
        return Path.of("src/test/resources/golden").toAbsolutePath();
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
