package dev.flowctl.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 of a file's content, or of a directory: every regular file under it in sorted
 * relative-path order, each contributing its path (with '/' separators) and its content
 * hash, so renames count and file-system order never does.
 */
public final class ContentHasher {
    private ContentHasher() {
    }

    public static String hash(Path path) {
        try {
            if (!Files.isDirectory(path)) return "sha256:" + hex(fileDigest(path));
            MessageDigest all = sha256();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                String rel = path.relativize(f).toString().replace('\\', '/');
                all.update(rel.getBytes(StandardCharsets.UTF_8));
                all.update((byte) 0);
                all.update(fileDigest(f));
            }
            return "sha256:" + hex(all.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public static String hash(byte[] bytes) {
        return "sha256:" + hex(sha256().digest(bytes));
    }

    private static byte[] fileDigest(Path file) throws IOException {
        MessageDigest d = sha256();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
        }
        return d.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
