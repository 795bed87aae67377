package dev.flowctl.spec;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The files a {@code source} or {@code definition} path stands for, walked under the rules that keep
 * a hostile repository from reaching outside it, hanging on a FIFO or device, or hashing forever:
 * every entry must resolve (following symlinks) inside the repository root, be a regular file or a
 * directory, and the walk is bounded in files and bytes. Only metadata is read here, never content.
 * The parser walks each path once to report problems at their position in flows.yaml; the hasher
 * walks again and hashes exactly the files listed.
 */
public final class SourceTree {
    /** The largest single file flowctl hashes. */
    public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;
    /** The most files and directories one source directory may hold (counted through symlinks). */
    public static final int MAX_ENTRIES = 10_000;
    /** The most bytes one source directory may hold in total (a file reached twice counts twice). */
    public static final long MAX_TOTAL_BYTES = 1024L * 1024 * 1024;
    /** flowctl's own state and local engine beside flows.yaml: they change on every apply. */
    static final String FLOWCTL_DIR = ".flowctl";

    /**
     * One regular file of the tree.
     *
     * @param relative its path below the walked path, '/'-separated ("" for a walked file itself)
     * @param path     the path to read it by (through the links that lead to it)
     * @param realPath where it really is: the same real path holds the same content
     * @param size     its size in bytes when walked
     */
    public record Entry(String relative, Path path, Path realPath, long size) {
    }

    /** A path that breaks a rule; the message is the predicate of a sentence ("contains … ; fix …."). */
    public static final class UnsafePathException extends IOException {
        public UnsafePathException(String message) {
            super(message);
        }
    }

    private SourceTree() {
    }

    /**
     * Every regular file that {@code path} stands for, sorted by relative path: the path itself
     * when it is a file, else every file below it.
     *
     * @param realRoot       the repository root as a real path: nothing may resolve outside it
     * @param path           an absolute, normalized path (its own links are followed)
     * @param shownAs        how the path is named in messages (as written in flows.yaml)
     * @param directoryOk    whether a directory is accepted (source) or only a file (definition)
     */
    public static List<Entry> files(Path realRoot, Path path, String shownAs, boolean directoryOk) throws IOException {
        Path real = realPath(path, shownAs, shownAs, realRoot);
        if (inFlowctlState(realRoot, real)) {
            throw new UnsafePathException("is inside flowctl's own state in " + FLOWCTL_DIR
                    + "/, which changes on every apply; point it at flow code.");
        }
        BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
        if (attrs.isRegularFile()) {
            requireFileSize(shownAs, shownAs, attrs.size());
            return List.of(new Entry("", path, real, attrs.size()));
        }
        if (!attrs.isDirectory()) {
            throw new UnsafePathException("is not a regular file" + (directoryOk ? " or directory" : "")
                    + " (it is a FIFO, socket or device); point it at flow code in the repository.");
        }
        if (!directoryOk) {
            throw new UnsafePathException("is a directory; point it at one file.");
        }
        return walk(realRoot, path, real, shownAs);
    }

    /** A directory waiting to be listed, with the real paths of the directories it was reached through. */
    private record Pending(Path path, Path realPath, String relative, Chain ancestors) {
    }

    /** The real paths of the directories from the walked path down to one directory (innermost first). */
    private record Chain(Path realPath, Chain outer) {
        boolean contains(Path real) {
            for (Chain c = this; c != null; c = c.outer()) {
                if (c.realPath().equals(real)) return true;
            }
            return false;
        }
    }

    private static List<Entry> walk(Path realRoot, Path top, Path realTop, String shownAs) throws IOException {
        List<Entry> files = new ArrayList<>();
        Deque<Pending> pending = new ArrayDeque<>();
        pending.push(new Pending(top, realTop, "", new Chain(realTop, null)));
        int entries = 1;
        long bytes = 0;
        while (!pending.isEmpty()) {
            Pending dir = pending.pop();
            for (Path child : list(dir.path(), shown(shownAs, dir.relative()))) {
                String name = child.getFileName().toString();
                String relative = dir.relative().isEmpty() ? name : dir.relative() + "/" + name;
                String shown = shown(shownAs, relative);
                if (++entries > MAX_ENTRIES) {
                    throw new UnsafePathException("holds more than " + MAX_ENTRIES
                            + " files and directories; point it at the flow code only.");
                }
                BasicFileAttributes attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                Path real = dir.realPath().resolve(name);
                boolean linked = attrs.isSymbolicLink();
                if (linked) {
                    real = realPath(child, shownAs, shown, realRoot);
                    attrs = Files.readAttributes(real, BasicFileAttributes.class);
                }
                if (name.equals(FLOWCTL_DIR) || linked && inFlowctlState(realRoot, real)) {
                    throw new UnsafePathException("contains " + shown + ", flowctl's own state, which changes on every apply;"
                            + " point it at the flow code only.");
                }
                if (attrs.isDirectory()) {
                    // Only a link can lead back into a directory being walked (a plain subdirectory's real
                    // path is longer than its parent's), so only links are checked against the chain.
                    if (linked && (dir.realPath().startsWith(real) || dir.ancestors().contains(real))) {
                        throw new UnsafePathException("contains a symlink loop at " + shown + "; remove the link.");
                    }
                    pending.push(new Pending(child, real, relative, new Chain(real, dir.ancestors())));
                } else if (attrs.isRegularFile()) {
                    requireFileSize(shownAs, shown, attrs.size());
                    bytes += attrs.size();
                    if (bytes > MAX_TOTAL_BYTES) {
                        throw new UnsafePathException("holds more than " + mebibytes(MAX_TOTAL_BYTES)
                                + " of files; keep data out of flow code.");
                    }
                    files.add(new Entry(relative, child, real, attrs.size()));
                } else {
                    throw new UnsafePathException("contains " + shown
                            + ", which is not a regular file or directory (it is a FIFO, socket or device); remove it.");
                }
            }
        }
        // Sorted as the paths themselves sort, so hashes match those of flowctl before the walk had rules.
        files.sort(Comparator.comparing(Entry::path));
        return files;
    }

    private static List<Path> list(Path dir, String shown) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path child : stream) {
                children.add(child);
                if (children.size() > MAX_ENTRIES) break;
            }
        } catch (AccessDeniedException e) {
            throw new UnsafePathException("contains " + shown + ", which cannot be read (permission denied).");
        }
        children.sort(null);
        return children;
    }

    /**
     * The real path of {@code path}, which must be inside {@code realRoot}: a loop, a broken link
     * and a link out of the repository are each refused by name.
     */
    private static Path realPath(Path path, String shownAs, String shown, Path realRoot) throws IOException {
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            if (!Files.isSymbolicLink(path)) throw e;
            throw new UnsafePathException((shown.equals(shownAs) ? "is" : "contains " + shown + ",")
                    + " a symlink to nothing (" + target(path) + "); fix or remove the link.");
        } catch (FileSystemException e) {
            if (e.getReason() != null && e.getReason().contains("symbolic links")) {
                throw new UnsafePathException((shown.equals(shownAs) ? "is" : "contains") + " a symlink loop"
                        + (shown.equals(shownAs) ? "" : " at " + shown) + "; remove the link.");
            }
            throw e;
        }
        if (!real.startsWith(realRoot)) {
            throw new UnsafePathException(shown.equals(shownAs)
                    ? "links outside the repository (to " + real + "); keep flow code inside it."
                    : "contains the symlink " + shown + ", which points outside the repository (to " + real
                    + "); keep flow code inside it.");
        }
        return real;
    }

    /** True when {@code real} is a {@code .flowctl} directory of the repository or inside one. */
    private static boolean inFlowctlState(Path realRoot, Path real) {
        for (Path name : realRoot.relativize(real)) {
            if (name.toString().equals(FLOWCTL_DIR)) return true;
        }
        return false;
    }

    private static String target(Path link) {
        try {
            return "it points to " + Files.readSymbolicLink(link);
        } catch (IOException | UnsupportedOperationException e) {
            return "a link on the way does not resolve";
        }
    }

    private static void requireFileSize(String shownAs, String shown, long size) throws UnsafePathException {
        if (size > MAX_FILE_BYTES) {
            throw new UnsafePathException((shown.equals(shownAs) ? "is" : "contains " + shown + ", which is")
                    + " larger than the " + mebibytes(MAX_FILE_BYTES) + " flowctl hashes; keep data out of flow code.");
        }
    }

    private static String shown(String shownAs, String relative) {
        if (relative.isEmpty()) return shownAs;
        return shownAs.endsWith("/") ? shownAs + relative : shownAs + "/" + relative;
    }

    private static String mebibytes(long bytes) {
        long mib = bytes / (1024 * 1024);
        return mib >= 1024 && mib % 1024 == 0 ? mib / 1024 + " GiB" : mib + " MiB";
    }
}
