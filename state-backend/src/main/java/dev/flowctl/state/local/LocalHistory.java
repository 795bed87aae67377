package dev.flowctl.state.local;

import dev.flowctl.files.AtomicFile;
import dev.flowctl.state.StateCodec;
import dev.flowctl.state.StateException;
import dev.flowctl.state.StateVersion;
import dev.flowctl.state.StoredState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Numbered copies of local states written, {@code state.json.history/000042.json}, the newest
 * {@value #KEEP} kept: the local counterpart of S3 bucket versioning. A version's ID is its serial.
 */
final class LocalHistory {
    static final int KEEP = 100;
    private final Path dir;

    LocalHistory(Path stateFile) {
        this.dir = stateFile.resolveSibling(stateFile.getFileName() + ".history");
    }

    Path dir() {
        return dir;
    }

    /** Keeps a copy of what was just written as {@code serial}; prunes the oldest beyond {@value #KEEP}. */
    void keep(long serial, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        AtomicFile.write(file(serial), bytes);
        List<Long> serials = serials();
        for (int i = KEEP; i < serials.size(); i++) Files.deleteIfExists(file(serials.get(i)));
    }

    /** Removes the copy of {@code serial}, superseded by a later write of the same run. */
    void drop(long serial) throws IOException {
        Files.deleteIfExists(file(serial));
    }

    List<StateVersion> list(int limit, long currentSerial) {
        List<StateVersion> out = new ArrayList<>();
        try {
            for (long serial : serials()) {
                if (out.size() >= limit) break;
                Path f = file(serial);
                out.add(new StateVersion(Long.toString(serial), serial, Files.getLastModifiedTime(f).toInstant(),
                        Files.getOwner(f).getName(), serial == currentSerial));
            }
        } catch (IOException e) {
            throw new StateException("cannot read state history " + dir + ": " + e.getMessage() + ".", e);
        }
        return out;
    }

    StoredState read(String versionId) {
        long serial;
        try {
            serial = Long.parseLong(versionId);
        } catch (NumberFormatException e) {
            throw new StateException("'" + versionId + "' is not a local state version; local versions are serials, "
                    + "listed by: flowctl state history.");
        }
        Path f = file(serial);
        try {
            byte[] bytes = RegularFile.read(f, "state history");
            return new StoredState(StateCodec.decodeState(bytes, f.toString()), LocalStateBackend.etag(bytes));
        } catch (NoSuchFileException e) {
            throw new StateException("local state history " + dir + " has no version " + versionId
                    + "; list them with: flowctl state history.");
        } catch (IOException e) {
            throw new StateException("cannot read " + f + ": " + e.getMessage() + ".", e);
        }
    }

    /** The newest kept serial, or -1 when none is kept. */
    long newest() {
        try {
            List<Long> serials = serials();
            return serials.isEmpty() ? -1 : serials.get(0);
        } catch (IOException e) {
            throw new StateException("cannot read state history " + dir + ": " + e.getMessage() + ".", e);
        }
    }

    /** Kept serials, newest first; a numbered file whose number is no serial flowctl writes is refused by name. */
    private List<Long> serials() throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d+\\.json"))
                    .map(this::serial)
                    .sorted((a, b) -> Long.compare(b, a))
                    .toList();
        }
    }

    private long serial(String name) {
        String digits = name.substring(0, name.length() - ".json".length());
        long serial = digits.length() <= MAX_DIGITS ? Long.parseLong(digits) : -1;
        if (serial < 0 || !file(serial).getFileName().toString().equals(name)) {
            throw new StateException("state history " + dir + " holds " + name + ", which is not a copy flowctl wrote (it names "
                    + "copies by serial, like " + file(42).getFileName() + "); move that file out of " + dir + ".");
        }
        return serial;
    }

    /** Serials stay far below 10^18, so 18 digits always fit a long. */
    private static final int MAX_DIGITS = 18;

    /** Where the copy of {@code serial} is kept. */
    Path path(long serial) {
        return file(serial);
    }

    private Path file(long serial) {
        return dir.resolve(String.format("%06d.json", serial));
    }
}
