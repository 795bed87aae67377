package dev.flowctl.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 8, for hashing: what is hashed is what the engine is given (links followed, but
 * only inside the repository), and no tree can make hashing read outside it or run without end.
 */
class HostilePathsTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    @TempDir
    Path repo;
    @TempDir
    Path outside;

    @BeforeEach
    void tree() throws IOException {
        Files.createDirectories(repo.resolve("flows/pkg"));
        Files.writeString(repo.resolve("flows/main.py"), "print('hi')\n");
        Files.writeString(repo.resolve("flows/pkg/util.py"), "x = 1\n");
    }

    @Test
    void aPlainDirectoryHashesAsItAlwaysDidSoNothingRedeploysOnUpgrade() throws Exception {
        String expected = "sha256:" + hex(sha256(concat(
                "main.py\0", sha256("print('hi')\n"), "pkg/util.py\0", sha256("x = 1\n"))));
        assertEquals(expected, new ContentHasher(repo).of(repo.resolve("flows")));
        assertEquals("sha256:" + hex(sha256("x = 1\n")), new ContentHasher(repo).of(repo.resolve("flows/pkg/util.py")));
    }

    @Test
    void aLinkedDirectoryInsideTheRepositoryIsHashedLikeTheFilesItHolds() throws IOException {
        String copied = new ContentHasher(repo).of(repo.resolve("flows"));
        Files.move(repo.resolve("flows/pkg"), repo.resolve("pkg"));
        Files.createSymbolicLink(repo.resolve("flows/pkg"), Path.of("../pkg"));
        assertEquals(copied, new ContentHasher(repo).of(repo.resolve("flows")));
        Files.writeString(repo.resolve("pkg/util.py"), "x = 2\n");
        assertNotEquals(copied, new ContentHasher(repo).of(repo.resolve("flows")), "an edit behind a link redeploys");
    }

    @Test
    void aLinkOutOfTheRepositoryIsNeverRead() throws IOException {
        Files.writeString(outside.resolve("secret.txt"), "not yours\n");
        Files.createSymbolicLink(repo.resolve("flows/secret.txt"), outside.resolve("secret.txt"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new ContentHasher(repo).of(repo.resolve("flows")));
        assertEquals(repo.resolve("flows") + " contains the symlink " + repo.resolve("flows/secret.txt")
                + ", which points outside the repository (to " + outside.toRealPath().resolve("secret.txt")
                + "); keep flow code inside it.", e.getMessage());
    }

    @Test
    void aLinkLoopEndsTheHashInsteadOfRecursing() throws IOException {
        Files.createSymbolicLink(repo.resolve("flows/pkg/up"), Path.of("../.."));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> assertTimeoutPreemptively(HANG_GUARD, () -> new ContentHasher(repo).of(repo.resolve("flows"))));
        assertEquals(repo.resolve("flows") + " contains a symlink loop at " + repo.resolve("flows/pkg/up") + "; remove the link.",
                e.getMessage());
    }

    private static byte[] concat(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object p : parts) out.writeBytes(p instanceof byte[] b ? b : ((String) p).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] sha256(String s) throws NoSuchAlgorithmException {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] b) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
