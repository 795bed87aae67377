package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.spec.Spec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run into an output directory that does not exist yet (a first run, a clean build) reads and
 * compares nothing and writes on several threads: it must write exactly what a run into an
 * existing, empty directory writes, and a failure halfway must leave nothing behind.
 */
class FreshOutputTest {
    @TempDir
    Path dir;

    private static final Set<Language> ALL = Set.of(Language.PROTO, Language.JAVA, Language.PYTHON);

    @Test
    void aRunIntoAMissingOutputDirectoryWritesWhatARunIntoAnEmptyOneWrites() throws IOException {
        StringBuilder versions = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            versions.append("v").append(i).append(":\n  inputs:\n    fleet_id: { type: string, required: true }\n")
                    .append("    mode: { type: enum, values: [fast, full] }\n    window: { type: struct, fields: { days: { type: int } } }\n");
        }
        // Text beyond ASCII too: a fresh run encodes each file once, by another path than the compared run.
        String yaml = Specs.scoresYaml(versions.toString()).replace("    source: flows/f.py", "    description: Scores — für alle ✓ 𝄞\n    source: flows/f.py");
        Spec spec = Specs.write(dir.resolve("spec"), yaml);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Codegen.Result compared = Codegen.generate(new Codegen.Request(spec, empty, dir.resolve("empty.lock"), ALL));
        Path missing = dir.resolve("missing/out");
        Codegen.Result fresh = Codegen.generate(new Codegen.Request(spec, missing, dir.resolve("missing.lock"), ALL));

        assertEquals(compared, fresh);
        assertEquals(Files.readString(dir.resolve("empty.lock")), Files.readString(dir.resolve("missing.lock")));
        assertEquals(tree(empty), tree(missing));
        for (String file : tree(empty)) if (Files.isRegularFile(empty.resolve(file))) assertArrayEquals(Files.readAllBytes(empty.resolve(file)), Files.readAllBytes(missing.resolve(file)), file);
        assertTrue(fresh.written().contains("python/risk/flows/scores/__init__.py"), fresh.written().toString());
    }

    @Test
    void aRunThatFailsHalfwayIntoAMissingOutputDirectoryLeavesNothingBehind() {
        String longFlow = "f".repeat(64);
        Spec spec = Specs.write(dir.resolve("spec"), """
                project: risk
                engine: { type: local }
                state: { backend: local }
                flows:
                  a:
                    source: flows/f.py
                    versions:
                      v1:
                        inputs:
                          x: { type: string }
                  %s:
                    source: flows/f.py
                    versions:
                      v1:
                        inputs:
                          x: { type: string }
                """.formatted(longFlow));
        // An output directory so deep that flow a's files fit in PATH_MAX (4,096 bytes on Linux) and the long flow's do not:
        // the kernel refuses them after flow a's are written.
        Path parent = dir;
        while (parent.toString().length() < 3_900) parent = parent.resolve("d".repeat(Math.min(200, 3_950 - parent.toString().length())));
        Path out = parent.resolve("gen");
        assertTrue(out.resolve("java/risk/flows/a/v1/AInput.java").toString().length() < 4_000);

        assertThrows(UncheckedIOException.class, () -> Codegen.generate(new Codegen.Request(spec, out, dir.resolve("flows.lock"), ALL)));

        assertFalse(Files.exists(parent), "every directory the run created is removed");
        assertFalse(Files.exists(dir.resolve("flows.lock")));
    }

    private static List<String> tree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
