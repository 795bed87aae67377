package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.codegen.Codegen.Problem;
import dev.flowctl.codegen.Codegen.Reason;
import dev.flowctl.spec.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output is byte-identical across runs, written only where it changed, and `check` finds every drift. */
class IncrementalOutputTest {
    @TempDir
    Path dir;

    private static final String SPEC = Specs.scoresYaml("""
            v1:
              inputs:
                fleet_id: { type: string, required: true }
                mode: { type: enum, values: [fast, full] }
            v2:
              inputs:
                fleet_id: { type: string, required: true }
                as_of: { type: date }
            """);

    private Codegen.Request request(String yaml) {
        Spec spec = Specs.write(dir, yaml);
        return new Codegen.Request(spec, dir.resolve("gen"), dir.resolve("flows.lock"), Set.of(Language.PROTO, Language.JAVA));
    }

    @Test
    void aSecondRunWritesNothingAndLeavesFilesUntouched() throws IOException {
        Codegen.Result first = Codegen.generate(request(SPEC));
        // two versions, their stubs, the shared run.proto and runs.proto and FlowInputs (the checks are dev.flowctl:runtime's)
        assertEquals(7, first.written().size(), first.written().toString());
        assertTrue(first.lockWritten());
        Path v1 = dir.resolve("gen/proto/risk/flows/scores/v1/scores.proto");
        FileTime stamp = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(v1, stamp);
        String bytes = Specs.read(v1);

        Codegen.Result second = Codegen.generate(request(SPEC));

        assertEquals(List.of(), second.written());
        assertEquals(7, second.unchanged());
        assertFalse(second.lockWritten());
        assertEquals(stamp, Files.getLastModifiedTime(v1), "an unchanged file is not rewritten");
        assertEquals(bytes, Specs.read(v1));
        assertEquals(List.of(), Codegen.check(request(SPEC)));
    }

    /** A project generated before the buf layout ({@code scores/v1.proto}) as its first codegen run after it finds it. */
    private void moveToTheLayoutBeforeBuf() throws IOException {
        for (String v : List.of("v1", "v2")) {
            Files.move(dir.resolve("gen/proto/risk/flows/scores/" + v + "/scores.proto"), dir.resolve("gen/proto/risk/flows/scores/" + v + ".proto"));
            Files.delete(dir.resolve("gen/proto/risk/flows/scores/" + v));
        }
    }

    @Test
    void filesOfTheLayoutBeforeBufAreMovedAndTheOldOnesRemoved() throws IOException {
        Codegen.generate(request(SPEC));
        String lock = Specs.read(dir.resolve("flows.lock"));
        moveToTheLayoutBeforeBuf();

        Codegen.Result r = Codegen.generate(request(SPEC));

        assertEquals(List.of("proto/risk/flows/scores/v1.proto", "proto/risk/flows/scores/v2.proto"), r.deleted());
        assertTrue(Files.exists(dir.resolve("gen/proto/risk/flows/scores/v1/scores.proto")));
        assertEquals(lock, Specs.read(dir.resolve("flows.lock")), "field numbers never change");
        assertEquals(List.of(), Codegen.check(request(SPEC)));
    }

    @Test
    void numbersTheLayoutBeforeBufPublishedStillGuardALostLock() throws IOException {
        Codegen.generate(request(SPEC.replace("mode: { type: enum, values: [fast, full] }", "months: { type: int }\n          mode: { type: enum, values: [fast, full] }")));
        Codegen.generate(request(SPEC)); // months removed: its number 2 is reserved, mode keeps 3
        moveToTheLayoutBeforeBuf();
        Files.delete(dir.resolve("flows.lock"));

        CodegenException e = assertThrows(CodegenException.class, () -> Codegen.generate(request(SPEC)));
        assertTrue(e.getMessage().contains("scores/v1.proto already published"), e.getMessage());
    }

    @Test
    void changingOneVersionRewritesOnlyItsFiles() {
        Codegen.generate(request(SPEC));
        Codegen.Result r = Codegen.generate(request(SPEC.replace("as_of: { type: date }", "as_of: { type: date }\n          days: { type: int }")));
        assertEquals(List.of("java/risk/flows/scores/v2/ScoresInput.java", "proto/risk/flows/scores/v2/scores.proto"),
                r.written().stream().sorted().toList());
        assertTrue(r.lockWritten());
    }

    @Test
    void checkReportsAHandEditedFile() throws IOException {
        Codegen.generate(request(SPEC));
        Path v1 = dir.resolve("gen/proto/risk/flows/scores/v1/scores.proto");
        Files.writeString(v1, Specs.read(v1).replace("optional string fleet_id = 1;", "optional string fleet_id = 1;\n  string note = 99;"));

        List<Problem> problems = Codegen.check(request(SPEC));

        assertEquals(List.of(new Problem(v1, Reason.HAND_EDITED)), problems);
        Codegen.generate(request(SPEC));
        assertEquals(List.of(), Codegen.check(request(SPEC)), "generate restores the edited file");
    }

    @Test
    void checkReportsStaleMissingAndOrphanedFilesAndAStaleLock() throws IOException {
        Codegen.generate(request(SPEC));
        Files.delete(dir.resolve("gen/java/risk/flows/scores/v1/ScoresInput.java"));
        String withoutV2 = SPEC.substring(0, SPEC.indexOf("      v2:"));
        String changedV1 = withoutV2.replace("values: [fast, full]", "values: [fast, full, turbo]");

        List<Problem> problems = Codegen.check(request(changedV1));

        assertEquals(Set.of(
                new Problem(dir.resolve("flows.lock"), Reason.LOCK_STALE),
                new Problem(dir.resolve("gen/java/risk/flows/scores/v1/ScoresInput.java"), Reason.MISSING),
                new Problem(dir.resolve("gen/proto/risk/flows/scores/v1/scores.proto"), Reason.STALE),
                new Problem(dir.resolve("gen/java/risk/flows/scores/v2/ScoresInput.java"), Reason.ORPHANED),
                new Problem(dir.resolve("gen/proto/risk/flows/scores/v2/scores.proto"), Reason.ORPHANED)),
                Set.copyOf(problems));
        assertEquals(5, problems.size());

        Codegen.Result fixed = Codegen.generate(request(changedV1));
        assertEquals(List.of("java/risk/flows/scores/v2/ScoresInput.java", "proto/risk/flows/scores/v2/scores.proto"), fixed.deleted());
        assertEquals(List.of(), Codegen.check(request(changedV1)));
    }

    @Test
    void aFileWithoutTheGeneratedMarkerIsNeverDeleted() throws IOException {
        Codegen.generate(request(SPEC));
        Path mine = dir.resolve("gen/proto/risk/notes.proto");
        Files.writeString(mine, "syntax = \"proto3\";\n");
        Codegen.generate(request(SPEC));
        assertTrue(Files.exists(mine));
    }

    @Test
    void aFrozenLockRefusesToChangeAndWritesNothing() {
        Codegen.generate(request(SPEC));
        Codegen.Request changed = request(SPEC.replace("values: [fast, full]", "values: [fast, full, turbo]"));
        Codegen.Request frozen = new Codegen.Request(changed.spec(), changed.outDir(), changed.lockFile(), changed.languages(), true);
        var e = assertThrows(CodegenException.class, () -> Codegen.generate(frozen));
        assertTrue(e.getMessage().endsWith("the lock is frozen; run flowctl codegen (or this build without the frozen lock) and commit flows.lock."),
                e.getMessage());
        assertFalse(Specs.read(dir.resolve("gen/proto/risk/flows/scores/v1/scores.proto")).contains("TURBO"));
    }

    @Test
    void reorderingInputsStructFieldsAndEnumValuesInYamlRewritesNothing() {
        String ordered = Specs.scoresYaml("""
                v1:
                  inputs:
                    fleet_id: { type: string, required: true, description: Fleet to score }
                    mode: { type: enum, values: [fast, full, exact], default: fast }
                    sources: { type: list<enum>, values: [noaa, meteomatics] }
                    limits:
                      type: struct
                      fields:
                        max_rows: { type: int, required: true }
                        priority: { type: enum, values: [low, high] }
                        window:
                          type: struct
                          fields:
                            start: { type: timestamp }
                            days: { type: int }
                    as_of: { type: date }
                """);
        String reordered = Specs.scoresYaml("""
                v1:
                  inputs:
                    as_of: { type: date }
                    limits:
                      type: struct
                      fields:
                        window:
                          type: struct
                          fields:
                            days: { type: int }
                            start: { type: timestamp }
                        priority: { type: enum, values: [high, low] }
                        max_rows: { type: int, required: true }
                    sources: { type: list<enum>, values: [meteomatics, noaa] }
                    mode: { type: enum, values: [exact, full, fast], default: fast }
                    fleet_id: { type: string, required: true, description: Fleet to score }
                """);
        Codegen.generate(request(ordered));
        String lock = Specs.read(dir.resolve("flows.lock"));

        Codegen.Result r = Codegen.generate(request(reordered));

        assertEquals(List.of(), r.written(), "generated output follows the pinned numbers, not the YAML order");
        assertFalse(r.lockWritten());
        assertEquals(lock, Specs.read(dir.resolve("flows.lock")));
        assertEquals(List.of(), Codegen.check(request(reordered)));
    }

    @Test
    void removingFlowVersionsRemovesTheDirectoriesTheyLeaveEmptyAndNoOther() throws IOException {
        String both = SPEC + """
                  other:
                    source: flows/f.py
                    versions:
                      v1:
                        inputs:
                          a: { type: string }
                      v2:
                        inputs:
                          a: { type: string }
                """;
        Codegen.generate(request(both));
        Path gen = dir.resolve("gen");
        Path notes = gen.resolve("java/risk/flows/other/v2/NOTES.md");
        Files.writeString(notes, "kept: not generated\n");

        String v2 = "      v2:\n        inputs:\n          fleet_id: { type: string, required: true }\n          as_of: { type: date }\n";
        assertTrue(SPEC.contains(v2));
        Codegen.Result r = Codegen.generate(request(SPEC.replace(v2, "")));

        assertEquals(6, r.deleted().size(), r.deleted().toString());
        assertFalse(Files.exists(gen.resolve("java/risk/flows/scores/v2")), "a removed version's package goes with its stub");
        assertFalse(Files.exists(gen.resolve("java/risk/flows/other/v1")));
        assertFalse(Files.exists(gen.resolve("proto/risk/flows/other")), "a removed flow's proto folder goes");
        assertTrue(Files.exists(notes), "a directory holding anything else stays");
        assertTrue(Files.isDirectory(gen.resolve("java/risk/flows/scores/v1")));
        assertTrue(Files.isDirectory(gen.resolve("proto/risk/flows/scores")));
    }
}
