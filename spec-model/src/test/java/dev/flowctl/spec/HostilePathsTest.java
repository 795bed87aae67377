package dev.flowctl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flowctl.errors.ErrorCode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 8: paths in a flows.yaml from a pull request cannot reach outside the repository,
 * hang on a FIFO or device, exhaust memory or make hashing endless. Each refusal is one sentence at
 * the position of the path in flows.yaml. Cases that could hang run under a generous hang guard.
 */
class HostilePathsTest {
    /** A hang guard, not a performance bound: a regression fails the build instead of stalling it. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    @TempDir
    Path repo;
    @TempDir
    Path outside;
    private Path spec;

    @BeforeEach
    void repository() throws IOException {
        Files.createDirectories(repo.resolve(".git"));
        Files.createDirectories(repo.resolve("flows"));
        Files.writeString(repo.resolve("flows/main.py"), "print('hi')\n");
        Files.writeString(outside.resolve("secret.txt"), "not yours\n");
        spec = repo.resolve("flows.yaml");
    }

    /** A flows.yaml whose one flow has {@code source: <source>} at 4:13 (and an optional definition at 7:21). */
    private static String yaml(String source, String definition) {
        return "project: risk\nflows:\n  scoring:\n    source: " + source + "\n    versions:\n      v1:\n"
                + (definition == null ? "        inputs: {}\n" : "        definition: " + definition + "\n");
    }

    /** The one problem parsing reports, as printed. */
    private String problem(String yaml) {
        SpecException e = assertThrows(SpecException.class,
                () -> assertTimeoutPreemptively(HANG_GUARD, () -> SpecParser.parse(spec, yaml)));
        assertEquals(1, e.problems().size(), e::getMessage);
        return e.problems().get(0).toString();
    }

    @Test
    void aSymlinkInsideASourceDirectoryToAFileOutsideIsRefused() throws IOException {
        Files.createSymbolicLink(repo.resolve("flows/lib.py"), outside.resolve("secret.txt"));
        assertEquals(spec + ":4:13: source 'flows' contains the symlink flows/lib.py, which points outside the repository (to "
                + outside.toRealPath().resolve("secret.txt") + "); keep flow code inside it.", problem(yaml("flows", null)));
    }

    @Test
    void aSymlinkInsideASourceDirectoryToADirectoryOutsideIsRefused() throws IOException {
        Files.createDirectories(repo.resolve("flows/pkg"));
        Files.createSymbolicLink(repo.resolve("flows/pkg/home"), outside);
        assertEquals(spec + ":4:13: source 'flows' contains the symlink flows/pkg/home, which points outside the repository (to "
                + outside.toRealPath() + "); keep flow code inside it.", problem(yaml("flows", null)));
    }

    @Test
    void aSymlinkInsideTheRepositoryIsFollowed() throws IOException {
        Files.createDirectories(repo.resolve("lib"));
        Files.writeString(repo.resolve("lib/util.py"), "x = 1\n");
        Files.createSymbolicLink(repo.resolve("flows/lib"), Path.of("../lib"));
        Spec parsed = SpecParser.parse(spec, yaml("flows", null));
        assertEquals("flows", parsed.versions().get(0).source());
    }

    @Test
    void aSymlinkLoopInASourceDirectoryIsReportedAsALoop() throws IOException {
        Files.createSymbolicLink(repo.resolve("flows/again"), Path.of("."));
        assertEquals(spec + ":4:13: source 'flows' contains a symlink loop at flows/again; remove the link.",
                problem(yaml("flows", null)));
    }

    @Test
    void aSourceThatIsItselfALoopIsReportedAsALoopNotAsMissing() throws IOException {
        Files.createSymbolicLink(repo.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(repo.resolve("b"), Path.of("a"));
        assertEquals(spec + ":4:13: source 'a' is a symlink loop; remove the link.", problem(yaml("a", null)));
    }

    @Test
    void aFifoAsSourceAsDefinitionOrInsideASourceIsRefusedWithoutOpeningIt() throws IOException {
        mkfifo(repo.resolve("pipe"));
        mkfifo(repo.resolve("flows/pipe"));
        assertEquals(spec + ":4:13: source 'pipe' is not a regular file or directory (it is a FIFO, socket or device);"
                + " point it at flow code in the repository.", problem(yaml("pipe", null)));
        assertEquals(spec + ":7:21: definition 'pipe' is not a regular file (it is a FIFO, socket or device);"
                + " point it at flow code in the repository.", problem(yaml("flows/main.py", "pipe")));
        assertEquals(spec + ":4:13: source 'flows' contains flows/pipe, which is not a regular file or directory"
                + " (it is a FIFO, socket or device); remove it.", problem(yaml("flows", null)));
    }

    @Test
    void aDefinitionMustBeOneFile() {
        assertEquals(spec + ":7:21: definition 'flows' is a directory; point it at one file.",
                problem(yaml("flows/main.py", "flows")));
    }

    @Test
    void anEmptySourceIsRefused() {
        assertEquals(spec + ":4:13: source is empty; name a file or directory relative to flows.yaml.", problem(yaml("''", null)));
    }

    @Test
    void aSourceHoldingFlowsYamlAndFlowctlStateIsRefused() throws IOException {
        Files.createDirectories(repo.resolve("sub"));
        String expected = "source '%s' contains flows.yaml itself and flowctl's own state in .flowctl/, which change on every apply;"
                + " point it at a directory of flow code, such as flows/.";
        assertEquals(spec + ":4:13: " + expected.formatted("."), problem(yaml(".", null)));
        assertEquals(spec + ":4:13: " + expected.formatted("sub/.."), problem(yaml("sub/..", null)));
        Files.createSymbolicLink(repo.resolve("here"), Path.of("."));
        assertEquals(spec + ":4:13: " + expected.formatted("here"), problem(yaml("here", null)));
    }

    @Test
    void anotherFlowctlStateInsideASourceIsRefused() throws IOException {
        Files.createDirectories(repo.resolve("flows/.flowctl"));
        assertEquals(spec + ":4:13: source 'flows' contains flows/.flowctl, flowctl's own state, which changes on every apply;"
                + " point it at the flow code only.", problem(yaml("flows", null)));
        Files.delete(repo.resolve("flows/.flowctl"));
        Files.createDirectories(repo.resolve(".flowctl/engine"));
        Files.writeString(repo.resolve(".flowctl/state.json"), "{}");
        Files.createSymbolicLink(repo.resolve("flows/state.json"), Path.of("../.flowctl/state.json"));
        assertEquals(spec + ":4:13: source 'flows' contains flows/state.json, flowctl's own state, which changes on every apply;"
                + " point it at the flow code only.", problem(yaml("flows", null)));
        assertEquals(spec + ":4:13: source '.flowctl/engine' is inside flowctl's own state in .flowctl/, which changes on every apply;"
                + " point it at flow code.", problem(yaml(".flowctl/engine", null)));
    }

    @Test
    void aSourceFileLargerThanTheLimitIsRefusedUnread() throws IOException {
        sparse(repo.resolve("flows/model.bin"), SourceTree.MAX_FILE_BYTES + 1);
        assertEquals(spec + ":4:13: source 'flows' contains flows/model.bin, which is larger than the 256 MiB flowctl hashes;"
                + " keep data out of flow code.", problem(yaml("flows", null)));
        sparse(repo.resolve("big.bin"), SourceTree.MAX_FILE_BYTES + 1024 * 1024);
        assertEquals(spec + ":4:13: source 'big.bin' is larger than the 256 MiB flowctl hashes; keep data out of flow code.",
                problem(yaml("big.bin", null)));
    }

    @Test
    void aSourceDirectoryWithTooManyFilesIsRefused() throws IOException {
        for (int i = 0; i < SourceTree.MAX_ENTRIES; i++) Files.createFile(repo.resolve("flows/f" + i + ".py"));
        assertEquals(spec + ":4:13: source 'flows' holds more than 10000 files and directories; point it at the flow code only.",
                problem(yaml("flows", null)));
    }

    @Test
    void aSourceDirectoryWithTooManyBytesIsRefused() throws IOException {
        for (int i = 0; i < 5; i++) sparse(repo.resolve("flows/part" + i + ".bin"), SourceTree.MAX_FILE_BYTES);
        assertEquals(spec + ":4:13: source 'flows' holds more than 1 GiB of files; keep data out of flow code.",
                problem(yaml("flows", null)));
    }

    @Test
    void aFifoAsFlowsYamlIsRefusedWithoutOpeningIt() {
        Path fifo = repo.resolve("flows.fifo");
        mkfifo(fifo);
        assertEquals(fifo + ": is not a regular file (it is a FIFO, socket or device); point -f/--file at your flows.yaml.",
                fileProblem(fifo));
    }

    @Test
    void aDeviceAsFlowsYamlIsRefusedWithoutReadingIt() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");
        assertEquals("/dev/zero: is not a regular file (it is a FIFO, socket or device); point -f/--file at your flows.yaml.",
                fileProblem(zero));
    }

    @Test
    void aFlowsYamlOverTheCodePointLimitIsRefused() throws IOException {
        String expected = ": is larger than 67108864 characters (64 Mi), the most flowctl reads; keep large content in the files flows.yaml names.";
        Path huge = repo.resolve("huge.yaml");
        sparse(huge, 4L * SpecParser.MAX_CODE_POINTS + 1); // refused by its size, unread
        assertEquals(huge + expected, fileProblem(huge));
        Path large = repo.resolve("large.yaml");
        sparse(large, SpecParser.MAX_CODE_POINTS + 1L); // NUL characters: read, counted, refused at the limit
        assertEquals(large + expected, fileProblem(large));
    }

    private static String fileProblem(Path file) {
        SpecException e = assertThrows(SpecException.class,
                () -> assertTimeoutPreemptively(HANG_GUARD, () -> SpecParser.parse(file)));
        assertEquals(1, e.problems().size(), e::getMessage);
        return e.problems().get(0).toString();
    }

    /** A file of {@code size} bytes that takes no disk space. */
    /**
     * The disk is checked in batches on another thread while the spec is read: every path of a spec
     * far larger than one batch is still checked, each problem reported once at its own line, and a
     * path named by many versions is walked and refused at each of them.
     */
    @Test
    void everyPathOfALargeSpecIsCheckedAndEachProblemReportedAtItsLine() throws IOException {
        Files.createSymbolicLink(repo.resolve("flows/leak.py"), outside.resolve("secret.txt"));
        StringBuilder yaml = new StringBuilder("project: risk\nflows:\n");
        List<String> expected = new java.util.ArrayList<>();
        for (int f = 0; f < 300; f++) {
            yaml.append("  flow_").append(f).append(":\n    versions:\n      v1:\n");
            int line = 6 + 4 * f;
            String source = f % 3 == 0 ? "flows/missing_" + f + ".py" : f % 3 == 1 ? "flows/main.py" : "flows/leak.py";
            yaml.append("        source: ").append(source).append("\n");
            if (f % 3 != 1) {
                expected.add(line + ":17 " + (f % 3 == 0 ? ErrorCode.SPEC_PATH_NOT_FOUND : ErrorCode.SPEC_PATH_REFUSED) + " source '" + source + "'");
            }
        }
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(spec, yaml.toString()));
        List<String> reported = e.problems().stream()
                .map(p -> p.line() + ":" + p.column() + " " + p.code() + " " + p.message().substring(0, p.message().indexOf("' ") + 1))
                .toList();
        assertEquals(expected, reported);
        assertTrue(e.problems().get(1).message().contains("outside the repository"), e.problems().get(1)::message);
    }

    private static void sparse(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    /** Creates a named pipe, or skips the test where there is no mkfifo. */
    static void mkfifo(Path path) {
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
