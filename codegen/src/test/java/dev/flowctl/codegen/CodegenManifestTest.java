package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest lets a run with the same inputs skip its work, and never hides a difference: a
 * changed flows.yaml or flows.lock, an edited, deleted or added file, or a stale, edited or linked
 * manifest all mean a full run, which writes exactly what differs.
 */
class CodegenManifestTest {
    @TempDir
    Path dir;

    private static final Set<Language> LANGS = Set.of(Language.PROTO, Language.JAVA);

    private static final String SPEC = Specs.scoresYaml("""
            v1:
              inputs:
                fleet_id: { type: string, required: true }
            v2:
              inputs:
                fleet_id: { type: string, required: true }
                as_of: { type: date }
            """);

    private Path out() {
        return dir.resolve("gen");
    }

    private Codegen.Result generate(String yaml) {
        return Codegen.generate(new Codegen.Request(Specs.write(dir, yaml), out(), dir.resolve("flows.lock"), LANGS, false,
                Codegen.specDigest(yaml)));
    }

    private Optional<Codegen.Unchanged> unchanged(String yaml) {
        return Codegen.unchanged(out(), dir.resolve("flows.lock"), LANGS, Codegen.specDigest(yaml));
    }

    private Path manifest() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(".flowctl"))) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    @Test
    void aRunWithTheSameInputsIsKnownCurrentWithoutRendering() {
        Codegen.Result first = generate(SPEC);
        assertEquals(7, first.written().size());
        assertEquals(Optional.of(new Codegen.Unchanged(2, 7)), unchanged(SPEC));
    }

    @Test
    void noManifestIsWrittenOrTrustedWithoutASpecDigest() {
        Codegen.generate(new Codegen.Request(Specs.write(dir, SPEC), out(), dir.resolve("flows.lock"), LANGS));
        assertFalse(Files.exists(dir.resolve(".flowctl")));
        assertTrue(unchanged(SPEC).isEmpty());
    }

    @Test
    void aChangeToOneVersionIsNotCurrentAndWritesOnlyThatVersionsFiles() {
        generate(SPEC);
        String changed = SPEC.replace("as_of: { type: date }", "as_of: { type: date }\n          region: { type: string }");
        assertTrue(unchanged(changed).isEmpty());

        Codegen.Result r = generate(changed);

        assertEquals(List.of("java/risk/flows/scores/v2/ScoresInput.java", "proto/risk/flows/scores/v2/scores.proto"),
                r.written().stream().sorted().toList());
        assertEquals(5, r.unchanged());
        assertTrue(r.lockWritten());
        assertTrue(unchanged(changed).isPresent());
        assertTrue(unchanged(SPEC).isEmpty(), "the manifest now describes the new flows.yaml only");
    }

    @Test
    void aHandEditOfTheSameSizeIsFoundByItsMtimeAndRestored() throws IOException {
        generate(SPEC);
        Path proto = out().resolve("proto/risk/flows/scores/v1/scores.proto");
        String original = Files.readString(proto);
        String edited = original.replace("fleet_id", "fleet_xx");
        assertEquals(original.length(), edited.length());
        FileTime before = Files.getLastModifiedTime(proto);
        Files.writeString(proto, edited);
        Files.setLastModifiedTime(proto, FileTime.fromMillis(before.toMillis() + 2_000));

        assertTrue(unchanged(SPEC).isEmpty());
        Codegen.Result r = generate(SPEC);

        assertEquals(List.of("proto/risk/flows/scores/v1/scores.proto"), r.written());
        assertEquals(original, Files.readString(proto));
        assertTrue(unchanged(SPEC).isPresent());
    }

    @Test
    void aDeletedOutputIsNotCurrentAndIsWrittenAgain() throws IOException {
        generate(SPEC);
        Files.delete(out().resolve("java/risk/flows/scores/v1/ScoresInput.java"));

        assertTrue(unchanged(SPEC).isEmpty());
        assertEquals(List.of("java/risk/flows/scores/v1/ScoresInput.java"), generate(SPEC).written());
    }

    @Test
    void aGeneratedFileAddedToTheProjectFolderIsNotCurrentAndIsRemovedAsAnOrphan() throws IOException {
        generate(SPEC);
        Path v2 = out().resolve("proto/risk/flows/scores/v2");
        Path orphan = v2.resolve("old.proto");
        Files.writeString(orphan, GeneratedFile.of("proto/risk/flows/scores/v2/old.proto", "syntax = \"proto3\";\n").content());
        // The kernel stamps a directory when an entry is added; move it clear of the run's own stamp.
        Files.setLastModifiedTime(v2, FileTime.fromMillis(Files.getLastModifiedTime(v2).toMillis() + 2_000));

        assertTrue(unchanged(SPEC).isEmpty());
        Codegen.Result r = generate(SPEC);

        assertEquals(List.of("proto/risk/flows/scores/v2/old.proto"), r.deleted());
        assertEquals(0, r.written().size());
        assertFalse(Files.exists(orphan));
    }

    @Test
    void aChangedFlowsLockIsNotCurrent() throws IOException {
        generate(SPEC);
        Path lock = dir.resolve("flows.lock");
        Files.writeString(lock, Files.readString(lock) + "# a comment\n");
        assertTrue(unchanged(SPEC).isEmpty());
    }

    @Test
    void aMissingOrHandEditedManifestMeansAFullRunThatWritesItAgain() throws IOException {
        generate(SPEC);
        Path manifest = manifest();
        String text = Files.readString(manifest);

        Files.writeString(manifest, text.replaceFirst("\nf (\\d+) ", "\nf 1$1 "));
        assertTrue(unchanged(SPEC).isEmpty(), "a size that does not match");
        Files.writeString(manifest, "versions 2\n");
        assertTrue(unchanged(SPEC).isEmpty(), "no header or key");
        Files.writeString(manifest, text.replaceFirst("\nd \\d+ ", "\nd x "));
        assertTrue(unchanged(SPEC).isEmpty(), "not a number");
        Files.delete(manifest);
        assertTrue(unchanged(SPEC).isEmpty());

        Codegen.Result r = generate(SPEC);
        assertEquals(0, r.written().size());
        assertEquals(7, r.unchanged());
        assertTrue(unchanged(SPEC).isPresent());
    }

    @Test
    void aManifestOfAnotherOutputDirectoryOrLanguageSetIsNotUsed() {
        generate(SPEC);
        assertTrue(Codegen.unchanged(dir.resolve("other"), dir.resolve("flows.lock"), LANGS, Codegen.specDigest(SPEC)).isEmpty());
        assertTrue(Codegen.unchanged(out(), dir.resolve("flows.lock"), Set.of(Language.PROTO), Codegen.specDigest(SPEC)).isEmpty());
    }

    @Test
    void aLinkedFlowctlDirectoryOrManifestIsNeitherTrustedNorWrittenThrough() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(dir.resolve(".flowctl"), elsewhere);
        generate(SPEC);
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertEquals(0, files.count(), "nothing written through the link");
        }
        assertTrue(unchanged(SPEC).isEmpty());

        Files.delete(dir.resolve(".flowctl"));
        generate(SPEC);
        Path manifest = manifest();
        Path copy = elsewhere.resolve("copy");
        Files.move(manifest, copy);
        Files.createSymbolicLink(manifest, copy);
        assertTrue(unchanged(SPEC).isEmpty(), "a manifest that is a link is not read");
        String before = Files.readString(copy, StandardCharsets.UTF_8);
        generate(SPEC);
        assertEquals(before, Files.readString(copy, StandardCharsets.UTF_8), "the link's target is untouched");
        assertFalse(Files.isSymbolicLink(manifest));
        assertTrue(unchanged(SPEC).isPresent());
    }
}
