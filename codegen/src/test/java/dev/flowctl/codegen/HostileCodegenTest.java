package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.spec.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository is untrusted input in pull-request CI (issue 14): whatever it commits, codegen
 * writes nothing outside its output directory and flows.lock, never renumbers a contract it
 * already generated, and never deletes another project's generated files.
 */
class HostileCodegenTest {
    @TempDir
    Path dir;

    private static final String SPEC = Specs.scoresYaml("""
            v1:
              inputs:
                a: { type: string }
                b: { type: int }
                c: { type: bool }
                mode: { type: enum, values: [fast, full] }
            """);

    /** The repository under test; everything outside it is what codegen must never touch. */
    private Path repo() {
        return dir.resolve("repo");
    }

    private Path outside() throws IOException {
        return Files.createDirectories(dir.resolve("outside"));
    }

    private Codegen.Request request(String yaml, Set<Language> languages) {
        Spec spec = Specs.write(repo(), yaml);
        return new Codegen.Request(spec, repo().resolve("generated"), repo().resolve("flows.lock"), languages);
    }

    private Codegen.Request request(String yaml) {
        return request(yaml, Set.of(Language.PROTO, Language.JAVA));
    }

    /** A file outside the repository with a known content and modification time. */
    private Path victim(String name) throws IOException {
        Path victim = Files.writeString(outside().resolve(name), "# precious\n");
        Files.setLastModifiedTime(victim, FileTime.fromMillis(1_000_000L));
        return victim;
    }

    private static void assertUntouched(Path victim) throws IOException {
        assertEquals("# precious\n", Files.readString(victim));
        assertEquals(FileTime.fromMillis(1_000_000L), Files.getLastModifiedTime(victim));
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    // Item 1: symbolic links committed in the repository.

    @Test
    void aGeneratedFileThatIsALinkIsRefusedNotWrittenThrough() throws IOException {
        Codegen.generate(request(SPEC));
        Path proto = repo().resolve("generated/proto/risk/flows/scores/v1/scores.proto");
        Files.delete(proto);
        Path victim = victim("bashrc");
        Files.createSymbolicLink(proto, victim);
        String lock = Files.readString(repo().resolve("flows.lock"));

        var e = assertThrows(CodegenException.class, () -> Codegen.generate(request(SPEC.replace("[fast, full]", "[fast, full, turbo]"))));

        assertEquals(proto + " is a symbolic link; codegen never writes through a link, so remove it and run codegen again.", e.getMessage());
        assertUntouched(victim);
        assertTrue(Files.isSymbolicLink(proto), "the link is refused, not replaced");
        assertEquals(lock, Files.readString(repo().resolve("flows.lock")), "a refusal writes nothing at all");
        assertThrows(CodegenException.class, () -> Codegen.check(request(SPEC)), "check does not read through the link either");
    }

    @Test
    void aLanguageFolderThatIsALinkToAnotherDirectoryIsNeverWrittenInto() throws IOException {
        Path elsewhere = outside();
        Files.createDirectories(repo().resolve("generated"));
        Path link = Files.createSymbolicLink(repo().resolve("generated/java"), elsewhere);

        var e = assertThrows(CodegenException.class, () -> Codegen.generate(request(SPEC)));

        assertEquals(link + " is a symbolic link; codegen writes only into real directories under " + repo().resolve("generated")
                + ", so remove the link and run codegen again.", e.getMessage());
        assertEquals(List.of(), filesUnder(elsewhere));
        assertFalse(Files.exists(repo().resolve("generated/proto")), "nothing is written before the refusal");
        assertFalse(Files.exists(repo().resolve("flows.lock")));
    }

    @Test
    void aLinkDeeperInTheTreeOrAsTheOutputDirectoryIsRefused() throws IOException {
        Path elsewhere = outside();
        Files.createDirectories(repo().resolve("generated/proto/risk/flows"));
        Files.createSymbolicLink(repo().resolve("generated/proto/risk/flows/scores"), elsewhere);
        assertThrows(CodegenException.class, () -> Codegen.generate(request(SPEC)));
        assertEquals(List.of(), filesUnder(elsewhere));

        Path other = Files.createDirectories(dir.resolve("other"));
        Path out = Files.createSymbolicLink(repo().resolve("contracts"), other);
        Codegen.Request r = request(SPEC);
        var e = assertThrows(CodegenException.class,
                () -> Codegen.generate(new Codegen.Request(r.spec(), out, r.lockFile(), r.languages())));
        assertTrue(e.getMessage().startsWith(out + " is a symbolic link;"), e.getMessage());
        assertEquals(List.of(), filesUnder(other));
    }

    @Test
    void aDanglingFlowsLockLinkDoesNotCreateItsTarget() throws IOException {
        Path target = outside().resolve("cron.d-job");
        Files.createDirectories(repo());
        Path lock = Files.createSymbolicLink(repo().resolve("flows.lock"), target);

        var e = assertThrows(CodegenException.class, () -> Codegen.generate(request(SPEC)));

        assertEquals(lock + " is a symbolic link; flows.lock must be a regular file, so replace the link with the lock file itself"
                + " and run codegen again.", e.getMessage());
        assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(repo().resolve("generated")));
    }

    @Test
    void aFlowsLockLinkToAnExistingFileIsNeitherReadNorWritten() throws IOException {
        Path victim = victim("passwd");
        Files.createDirectories(repo());
        Files.createSymbolicLink(repo().resolve("flows.lock"), victim);
        assertThrows(CodegenException.class, () -> Codegen.generate(request(SPEC)));
        assertThrows(CodegenException.class, () -> Codegen.check(request(SPEC)));
        assertUntouched(victim);
    }

    // Item 2: a lost flows.lock must not renumber a contract that was already generated.

    /** Generates a, b, c and mode, then removes b: its number 2 is reserved, c keeps 3. */
    private Path published() {
        Codegen.generate(request(SPEC));
        Codegen.generate(request(SPEC.replace("          b: { type: int }\n", "")));
        Path proto = repo().resolve("generated/proto/risk/flows/scores/v1/scores.proto");
        String text = Specs.read(proto);
        assertTrue(text.contains("  reserved 2;\n") && text.contains("optional bool c = 3;"), text);
        return proto;
    }

    private void assertRefusedAndUnchanged(Path proto, String lockBefore, String detail) throws IOException {
        String before = Specs.read(proto);
        String spec = SPEC.replace("          b: { type: int }\n", "");
        var e = assertThrows(CodegenException.class, () -> Codegen.generate(request(spec)));
        assertTrue(e.getMessage().contains(" " + proto + " already published"), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
        assertTrue(e.getMessage().endsWith("; restore flows.lock from version control (git checkout -- flows.lock) and run flowctl codegen again."),
                e.getMessage());
        assertEquals(before, Specs.read(proto), "the published contract is not renumbered");
        Path lock = repo().resolve("flows.lock");
        assertEquals(lockBefore, Files.exists(lock) ? Files.readString(lock) : null, "the broken lock is left for the user to restore");
        assertThrows(CodegenException.class, () -> Codegen.check(request(spec)), "check says the same, not 'run flowctl codegen'");
    }

    @Test
    void aDeletedLockIsRefusedInsteadOfGivingTheReservedNumberToTheNextInput() throws IOException {
        Path proto = published();
        Files.delete(repo().resolve("flows.lock"));
        assertRefusedAndUnchanged(proto, null, "in message ScoresInput, reserved 2 would go to 'c'");
        var e = assertThrows(CodegenException.class, () -> Codegen.generate(request(SPEC.replace("          b: { type: int }\n", ""))));
        assertTrue(e.getMessage().startsWith(repo().resolve("flows.lock") + " is missing, so the numbers that "), e.getMessage());
    }

    @Test
    void anEmptiedOrTruncatedLockIsRefused() throws IOException {
        Path proto = published();
        Path lock = repo().resolve("flows.lock");
        String full = Files.readString(lock);

        Files.writeString(lock, "");
        assertRefusedAndUnchanged(proto, "", "would go to 'c'");

        String truncated = full.substring(0, full.indexOf("scores@v1 reserved-field b 2"));
        Files.writeString(lock, truncated);
        assertRefusedAndUnchanged(proto, truncated, "in message ScoresInput, reserved 2 would go to 'c', 'c' = 3 would go to 'mode', 'mode' = 4 would be dropped");
    }

    @Test
    void aLockStrippedOfItsReservedLinesIsRefused() throws IOException {
        Path proto = published();
        Path lock = repo().resolve("flows.lock");
        String stripped = Files.readString(lock).replace("scores@v1 reserved-field b 2\n", "");
        Files.writeString(lock, stripped);
        assertRefusedAndUnchanged(proto, stripped, "in message ScoresInput, reserved 2 would be dropped");
    }

    @Test
    void aLostLockIsNoticedFromTheProtoEvenWhenOnlyJavaIsGenerated() throws IOException {
        published();
        Files.delete(repo().resolve("flows.lock"));
        assertThrows(CodegenException.class, () -> Codegen.generate(request(SPEC.replace("          b: { type: int }\n", ""), Set.of(Language.JAVA))));
        assertFalse(Files.exists(repo().resolve("flows.lock")));
    }

    @Test
    void aRestoredLockGeneratesAsBeforeAndABrandNewProjectStillStartsFromNothing() throws IOException {
        Path proto = published();
        Path lock = repo().resolve("flows.lock");
        String saved = Files.readString(lock);
        Files.delete(lock);
        String spec = SPEC.replace("          b: { type: int }\n", "");
        assertThrows(CodegenException.class, () -> Codegen.generate(request(spec)));
        Files.writeString(lock, saved);
        assertEquals(List.of(), Codegen.generate(request(spec)).written());
        assertEquals(List.of(), Codegen.check(request(spec)));

        // Deleting the generated files too is starting afresh: nothing is left that was published from here.
        Files.delete(lock);
        try (Stream<Path> walk = Files.walk(repo().resolve("generated"))) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Codegen.Result fresh = Codegen.generate(request(spec));
        assertTrue(fresh.lockWritten());
        assertTrue(Specs.read(proto).contains("optional bool c = 2;"));
    }

    @Test
    void theNumbersReadBackFromAGeneratedProtoAreThoseItWasRenderedFrom() {
        String inputs = """
                a: { type: string }
                gone: { type: int }
                mode: { type: enum, values: [fast, full, slow] }
                limits:
                  type: struct
                  fields:
                    max_rows: { type: int }
                    level: { type: enum, values: [low, high] }
                    window: { type: struct, fields: { days: { type: int }, start: { type: timestamp } } }
                tags: { type: "map<string,int>" }
                """.indent(6);
        Codegen.Rendered first = Codegen.render(Specs.oneVersion(dir, inputs), FlowsLock.empty(), Set.of(Language.PROTO));
        Codegen.Rendered r = Codegen.render(Specs.oneVersion(dir, inputs.replace("      gone: { type: int }\n", "").replace(", slow]", "]")
                .replace("max_rows: { type: int }", "max_rows: { type: string }")), first.lock(), Set.of(Language.PROTO));
        ProtoModel.File model = r.contracts().get(0);
        String text = r.files().get("proto/" + model.path()).content();
        assertTrue(text.contains("reserved 3;") && text.contains("reserved 2;"), text);

        var read = PublishedNumbers.of(text);
        assertEquals(PublishedNumbers.of(model), read);
        assertEquals(Set.of("message ScoresInput", "enum ScoresInput.Mode", "message ScoresInput.Limits", "enum ScoresInput.Limits.Level",
                "message ScoresInput.Limits.Window"), read.keySet());
    }

    // Item 9: an output directory shared by two projects.

    @Test
    void aSharedOutputDirectoryKeepsTheOtherProjectsFilesAndRemovesOnlyOwnStaleOnes() throws IOException {
        Path shared = dir.resolve("contracts");
        Set<Language> both = Set.of(Language.PROTO, Language.JAVA);
        Spec risk = Specs.write(dir.resolve("risk"), SPEC);
        String fraudV1 = "      v1:\n        inputs:\n          x: { type: string }\n";
        String fraudYaml = SPEC.replace("project: risk", "project: fraud").replace("      v1:\n", fraudV1 + "      v2:\n");
        Spec fraud = Specs.write(dir.resolve("fraud"), fraudYaml);
        Codegen.Request riskRequest = new Codegen.Request(risk, shared, dir.resolve("risk/flows.lock"), both);
        Codegen.generate(riskRequest);
        Codegen.generate(new Codegen.Request(fraud, shared, dir.resolve("fraud/flows.lock"), both));
        List<Path> riskFiles = filesUnder(shared).stream().filter(p -> shared.relativize(p).toString().contains("risk")).toList();
        assertEquals(2, riskFiles.size(), riskFiles.toString());

        // fraud drops v1: its own stale files go, risk's stay.
        Spec fraudWithoutV1 = Specs.write(dir.resolve("fraud"), fraudYaml.replace(fraudV1, ""));
        Codegen.Result r = Codegen.generate(new Codegen.Request(fraudWithoutV1, shared, dir.resolve("fraud/flows.lock"), both));

        assertEquals(List.of("java/fraud/flows/scores/v1/ScoresInput.java", "proto/fraud/flows/scores/v1/scores.proto"), r.deleted());
        riskFiles.forEach(p -> assertTrue(Files.exists(p), p + " belongs to project risk"));
        assertTrue(Files.exists(shared.resolve("proto/flowctl/v1/run.proto")));
        assertEquals(List.of(), Codegen.check(riskRequest), "risk's check does not see fraud's files as orphans");
    }
}
