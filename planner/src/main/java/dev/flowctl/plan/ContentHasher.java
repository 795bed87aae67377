package dev.flowctl.plan;

import dev.flowctl.spec.SourceTree;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of a file's content, or of a directory: every regular file under it in sorted
 * relative-path order, each contributing its path (with '/' separators) and its content
 * hash, so renames count and file-system order never does. The files are those
 * {@link SourceTree} walks: links are followed only inside the repository root, special files
 * and oversized trees are refused, so hashing is bounded. One hasher reads each real file once,
 * however many sources reach it (through links or shared directories).
 */
public final class ContentHasher {
    private final Path realRoot;
    private final Map<Path, byte[]> fileDigests = new ConcurrentHashMap<>();

    /** A hasher for paths inside {@code root}, the repository root; thread-safe. */
    public ContentHasher(Path root) {
        try {
            this.realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the repository root " + root + ": " + e.getMessage(), e);
        }
    }

    /** The hash of {@code path}, whose links may not leave the directory that holds it. */
    public static String hash(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return new ContentHasher(absolute.getParent() == null ? absolute : absolute.getParent()).of(absolute);
    }

    /** The hash of the file or directory at {@code path}. */
    public String of(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            List<SourceTree.Entry> files = SourceTree.files(realRoot, absolute, absolute.toString(), true);
            if (files.size() == 1 && files.get(0).relative().isEmpty()) return "sha256:" + hex(fileDigest(files.get(0)));
            MessageDigest all = sha256();
            for (SourceTree.Entry f : files) {
                all.update(f.relative().getBytes(StandardCharsets.UTF_8));
                all.update((byte) 0);
                all.update(fileDigest(f));
            }
            return "sha256:" + hex(all.digest());
        } catch (SourceTree.UnsafePathException e) {
            throw new UncheckedIOException(absolute + " " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + absolute + ": " + e.getMessage(), e);
        }
    }

    public static String hash(byte[] bytes) {
        return "sha256:" + hex(sha256().digest(bytes));
    }

    private byte[] fileDigest(SourceTree.Entry file) throws IOException {
        byte[] known = fileDigests.get(file.realPath());
        if (known != null) return known;
        MessageDigest d = sha256();
        byte[] buf = new byte[64 * 1024];
        long read = 0;
        try (InputStream in = Files.newInputStream(file.realPath())) {
            for (int n; (n = in.read(buf)) > 0; ) {
                read += n;
                // The walk checked the size; a file that grew since is not hashed without end.
                if (read > SourceTree.MAX_FILE_BYTES) {
                    throw new SourceTree.UnsafePathException("grew past " + SourceTree.MAX_FILE_BYTES + " bytes while being hashed ("
                            + file.path() + "); keep data out of flow code.");
                }
                d.update(buf, 0, n);
            }
        }
        byte[] digest = d.digest();
        fileDigests.put(file.realPath(), digest);
        return digest;
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
