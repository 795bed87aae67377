package dev.flowctl.state.local;

import dev.flowctl.state.StateException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a local state, history or lock file only when it is a regular file of bounded size. A
 * state path is repository content in PR CI: a FIFO there would hang {@code plan} forever and
 * {@code /dev/zero} would fill memory, so both are refused before anything is opened.
 */
final class RegularFile {
    /** The most flowctl reads of one state file: 30,000 versions take about 30 MB, so this leaves ample room. */
    static final long MAX_BYTES = 512L << 20;

    private RegularFile() {
    }

    /**
     * The bytes of {@code file} ({@code what} names it in messages: "state", "lock").
     *
     * @throws java.nio.file.NoSuchFileException when it does not exist, as {@link Files#readAllBytes} does
     */
    static byte[] read(Path file, String what) throws IOException {
        requireRegular(file, what);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) throw tooLarge(file, what);
            return bytes;
        }
    }

    /** Refuses a FIFO, device or directory, and a file over {@link #MAX_BYTES}; throws NoSuchFileException for a missing one. */
    static void requireRegular(Path file, String what) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class); // follows a symlink, as opening would
        if (!a.isRegularFile()) {
            throw new StateException("the " + what + " file " + file + " is not a regular file (a FIFO, device or directory); "
                    + "flowctl reads " + what + " only from regular files, so point --state (or state.path in flows.yaml) at the state "
                    + "file, or remove what is in its place.");
        }
        if (a.size() > MAX_BYTES) throw tooLarge(file, what);
    }

    private static StateException tooLarge(Path file, String what) {
        return new StateException("the " + what + " file " + file + " is larger than 512 MiB, more than any state flowctl writes; "
                + "point --state (or state.path in flows.yaml) at the state file, or restore the last good version.");
    }
}
