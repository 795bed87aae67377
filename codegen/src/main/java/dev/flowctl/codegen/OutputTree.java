package dev.flowctl.codegen;

import dev.flowctl.files.AtomicFile;
import dev.flowctl.errors.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The output directory and flows.lock as codegen touches them: every check, read, write and delete
 * goes through here, and none follows a symbolic link. In pull-request CI the repository is
 * untrusted input, and a committed link ({@code generated/java -> /home/ci}, a generated file
 * {@code -> ~/.bashrc}, a dangling {@code flows.lock -> /etc/cron.d/x}) would otherwise make codegen
 * write outside the output directory. Callers check every path before writing any, so a refusal
 * leaves everything as it was. As a backstop, reads open with {@code NOFOLLOW_LINKS} and writes
 * replace the file by rename ({@link AtomicFile}), which never writes through a link; an
 * interrupted run also leaves each file whole (a half-written flows.lock would lose field numbers).
 */
final class OutputTree {
    /** Java arrays hold a little under 2 GiB; nothing codegen generates or reads comes near. */
    private static final long MAX_READ = Integer.MAX_VALUE - 8;

    private final Path root;
    /**
     * Directories already found real, so thousands of files in one package cost one check each;
     * concurrent, since a fresh run writes on several threads.
     */
    private final Set<Path> realDirectories = ConcurrentHashMap.newKeySet();
    /** Files this tree wrote and directories it created, for {@link #undo}. */
    private final Queue<Path> writtenFiles = new ConcurrentLinkedQueue<>();
    private final Queue<Path> createdDirectories = new ConcurrentLinkedQueue<>();
    private final boolean syncEachFile = !CodegenManifest.crashNoticed();

    OutputTree(Path root) {
        this.root = root;
    }

    Path resolve(String relative) {
        return root.resolve(relative);
    }

    /**
     * Refuses a link or anything but a directory from the output directory down to the parent of
     * {@code relative}, and a link or anything but a regular file at {@code relative} itself.
     * A missing path is fine: codegen creates it.
     */
    void checkFile(String relative) {
        int slash = relative.lastIndexOf('/');
        if (!checkDirectories(slash < 0 ? "" : relative.substring(0, slash))) return;
        Path file = root.resolve(relative);
        BasicFileAttributes a = attributes(file);
        if (a == null) return;
        if (a.isSymbolicLink()) {
            throw new CodegenException(ErrorCode.CODEGEN_OUTPUT_REFUSED, file + " is a symbolic link; codegen never writes through a link, so remove it and run codegen again.");
        }
        if (!a.isRegularFile()) {
            throw new CodegenException(ErrorCode.CODEGEN_OUTPUT_REFUSED, file + " is not a regular file; codegen writes only regular files there, so remove it and run codegen again.");
        }
    }

    /**
     * Refuses a link or anything but a directory from the output directory down to {@code relative}
     * ("" is the output directory itself); false when one of them does not exist yet.
     */
    boolean checkDirectories(String relative) {
        Path dir = root;
        if (!checkDirectory(dir)) return false;
        if (relative.isEmpty()) return true;
        for (String part : relative.split("/")) {
            dir = dir.resolve(part);
            if (!checkDirectory(dir)) return false;
        }
        return true;
    }

    private boolean checkDirectory(Path dir) {
        if (realDirectories.contains(dir)) return true;
        BasicFileAttributes a = attributes(dir);
        if (a == null) return false;
        if (a.isSymbolicLink()) {
            throw new CodegenException(ErrorCode.CODEGEN_OUTPUT_REFUSED, dir + " is a symbolic link; codegen writes only into real directories under " + root
                    + ", so remove the link and run codegen again.");
        }
        if (!a.isDirectory()) {
            throw new CodegenException(ErrorCode.CODEGEN_OUTPUT_REFUSED, dir + " is not a directory; codegen writes only into real directories under " + root
                    + ", so remove it and run codegen again.");
        }
        realDirectories.add(dir);
        return true;
    }

    /**
     * Refuses a flows.lock that is a link (a dangling one would have codegen create its target) or
     * anything but a regular file (a FIFO would hang the read); an absent one is fine.
     */
    static void checkLock(Path lock) {
        BasicFileAttributes a = attributes(lock);
        if (a == null) return;
        if (a.isSymbolicLink()) {
            throw new CodegenException(ErrorCode.CODEGEN_LOCK_INVALID, lock + " is a symbolic link; flows.lock must be a regular file, so replace the link with the lock file itself and run codegen again.");
        }
        if (!a.isRegularFile()) {
            throw new CodegenException(ErrorCode.CODEGEN_LOCK_INVALID, lock + " is not a regular file; flows.lock must be a regular file, so remove it, restore flows.lock from version control and run codegen again.");
        }
    }

    /** The content of a file checked with {@link #checkFile}, or null if there is none. */
    String read(String relative) {
        return readOrNull(root.resolve(relative));
    }

    /** The first {@code n} bytes of a file checked with {@link #checkFile}, or "" if it cannot be read. */
    String head(Path file, int n) {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return new String(in.readNBytes(n), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Writes a file checked with {@link #checkFile}, creating the directories it needs. Renamed into
     * place, but synced only where a machine crash would go unnoticed ({@link CodegenManifest#crashNoticed}):
     * an fsync per file and directory was 90 % of a from-nothing run's time (6,003 files), and a
     * generated file lost in a crash is found and rewritten by the next run, which compares everything.
     */
    void write(String relative, byte[] bytes) throws IOException {
        Path file = root.resolve(relative);
        createDirectories(file.getParent());
        if (syncEachFile || !createNew(file, bytes)) {
            AtomicFile.write(file, bytes, syncEachFile);
        }
        writtenFiles.add(file);
    }

    /**
     * Removes every file this tree wrote, then every directory it created, deepest first; for a
     * run into an output directory that did not exist, where that is everything the run changed.
     * Best effort: what cannot be removed (a directory someone else filled meanwhile) stays.
     */
    void undo() {
        List<Path> all = new ArrayList<>(writtenFiles);
        createdDirectories.stream().sorted(Comparator.comparingInt(Path::getNameCount).reversed()).forEach(all::add);
        for (Path p : all) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // stays; the run's own error is what the user needs to see
            }
        }
    }

    /**
     * Writes a file that does not exist yet in place: O_EXCL never follows a link (not even a
     * dangling one), and a rename buys nothing where there was no old file to keep whole; a
     * half-written file left by a crash is not what codegen would write, so the next run replaces it.
     * False if the file exists (then it is replaced by rename).
     */
    private static boolean createNew(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) ch.write(buffer);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * Creates {@code dir} and its missing parents with one mkdir each, remembering them: a fresh
     * tree of 3,000 flow versions has 8,000 directories, and Files.createDirectories per file
     * tried a mkdir (and built an exception) for every file again. An existing directory has been
     * checked real by {@link #checkFile}; one that appears meanwhile must not be a link.
     */
    private void createDirectories(Path dir) throws IOException {
        if (realDirectories.contains(dir)) return;
        if (dir.equals(root) || !dir.startsWith(root)) {
            List<Path> missing = new ArrayList<>();
            for (Path d = dir; d != null && !Files.exists(d, LinkOption.NOFOLLOW_LINKS); d = d.getParent()) missing.add(0, d);
            Files.createDirectories(dir); // the output directory itself, with whatever it needs above it
            createdDirectories.addAll(missing);
            realDirectories.add(dir);
            return;
        }
        createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir);
            createdDirectories.add(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) throw e; // another thread made it, or a link appeared
        }
        realDirectories.add(dir);
    }

    /** Writes flows.lock, checked with {@link #checkLock}. */
    static void writeLock(Path lock, String content) throws IOException {
        writeNoFollow(lock, content);
    }

    private static void writeNoFollow(Path file, String content) throws IOException {
        AtomicFile.write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The text of {@code file}, never through a link, or null if there is none. Read in one piece
     * of the size the file has, as Files.readString does: a no-change run reads every generated file.
     */
    static String readOrNull(Path file) {
        try (SeekableByteChannel in = Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            long size = in.size();
            if (size > MAX_READ) throw new IOException("larger than " + MAX_READ + " bytes");
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && in.read(buffer) >= 0) {
                // reads until full or at the end
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file's own attributes (a link is a link), or null if nothing is there. */
    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
