package dev.flowctl.state.local;

import dev.flowctl.files.AtomicFile;
import dev.flowctl.errors.ErrorCode;
import dev.flowctl.state.LockInfo;
import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateCodec;
import dev.flowctl.state.StateConflictException;
import dev.flowctl.state.StateDocument;
import dev.flowctl.state.StateException;
import dev.flowctl.state.StateHistory;
import dev.flowctl.state.StateVersion;
import dev.flowctl.state.StoredState;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * State in a local file (the embedded default, {@code .flowctl/state.json}). Writes replace the
 * file atomically ({@link AtomicFile}), so a crash leaves either the old or the new state. The lock
 * is an OS lock on the sibling {@code .lock} file ({@link LockFile}), freed by the OS when its
 * process dies. Each run's last written version is also kept, numbered by serial, in
 * {@code state.json.history/}.
 */
public final class LocalStateBackend implements StateBackend, StateHistory {
    private final Path file;
    private final boolean createsDirectory;
    private final LockFile lockFile;
    private final LocalHistory history;
    /** The serial this backend last kept in history while holding its lock, or -1. */
    private long keptUnderLock = -1;
    private boolean locked;

    /** State in {@code file}, creating its directory on the first write (for tests and tools). */
    public LocalStateBackend(Path file) {
        this(file, true);
    }

    /**
     * @param createsDirectory whether the first write may create the file's directory; false for a path the user
     *                         named, where a missing directory is far more likely a typo than a new state
     */
    public LocalStateBackend(Path file, boolean createsDirectory) {
        this.file = file.toAbsolutePath().normalize();
        this.createsDirectory = createsDirectory;
        this.lockFile = new LockFile(this.file.resolveSibling(this.file.getFileName() + ".lock"));
        this.history = new LocalHistory(this.file);
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public Optional<StoredState> read() {
        byte[] bytes;
        try {
            bytes = RegularFile.read(file, "state");
        } catch (NoSuchFileException e) {
            if (!createsDirectory && !Files.isDirectory(file.getParent())) throw missingDirectory();
            long kept = history.newest();
            if (kept >= 0) throw deletedState(kept);
            return Optional.empty();
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
        return Optional.of(new StoredState(StateCodec.decodeState(bytes, file.toString()), etag(bytes), history.newest()));
    }

    /**
     * The file's size, modification time and identity (its inode, where the platform has one): every
     * write replaces the file by an atomic move, so a new state is a new file even within one clock tick.
     */
    @Override
    public String fingerprint() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.size() + "-" + a.lastModifiedTime().toMillis() + "-" + a.lastModifiedTime().toInstant().getNano() + "-" + a.fileKey();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    /**
     * Why a state file could not be read, in words: the JDK's message of an AccessDeniedException
     * is only the path, which would print "cannot read state F: F."
     */
    static StateException cannotRead(Path file, IOException e) {
        String why = e instanceof AccessDeniedException
                ? "permission denied; make it readable by the user flowctl runs as (or run flowctl as its owner)"
                : e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        return new StateException("cannot read state " + file + ": " + why + ".", e);
    }

    /**
     * No state file but a history of one: the state was deleted or moved, not never written. Starting
     * afresh would plan every version as new and write serial 1 over the oldest kept copy.
     */
    private StateException deletedState(long kept) {
        Path copy = history.path(kept);
        return new StateException("state " + file + " is missing, but its history holds serial " + kept + ", so it was deleted or moved;"
                + " restore it with 'cp " + copy + " " + file + "' (or point --state at where it went), or, to start over on"
                + " purpose, remove " + copy.getParent() + " as well.");
    }

    /** The state's directory, created if this backend may; else a missing one is refused. */
    private void requireDirectory() throws IOException {
        if (Files.isDirectory(file.getParent())) return;
        if (!createsDirectory) throw missingDirectory();
        Files.createDirectories(file.getParent());
    }

    private StateException missingDirectory() {
        return new StateException("the directory " + file.getParent() + " of the state file " + file.getFileName()
                + " does not exist; fix the path (--state, or state.path in flows.yaml), or create the directory if a new state "
                + "belongs there.");
    }

    @Override
    public String write(StateDocument document, String expectedEtag) {
        String current = currentEtag();
        if (!java.util.Objects.equals(current, expectedEtag)) {
            throw new StateConflictException("state " + file + " changed since it was read; nothing was written. Run the command again.");
        }
        byte[] bytes = StateCodec.encode(document);
        try {
            requireDirectory();
            AtomicFile.write(file, bytes);
        } catch (IOException e) {
            throw new StateException("cannot write state " + file + ": " + e.getMessage() + ".", e);
        }
        keep(document.serial(), bytes);
        return etag(bytes);
    }

    /**
     * Deletes the state file and its history, so the next apply starts a new state instead of being told the
     * state was deleted. The lock file stays (see {@link LockFile}: it is never deleted).
     */
    @Override
    public void remove(String expectedEtag) {
        String current = currentEtag();
        if (!java.util.Objects.equals(current, expectedEtag)) {
            throw new StateConflictException("state " + file + " changed since it was read; nothing was removed. Run the command again.");
        }
        try {
            Files.deleteIfExists(file);
            if (Files.isDirectory(history.dir())) {
                try (var kept = Files.list(history.dir())) {
                    for (Path p : kept.toList()) Files.deleteIfExists(p);
                }
                Files.deleteIfExists(history.dir());
            }
        } catch (IOException e) {
            throw new StateException("cannot remove state " + file + ": " + e.getMessage() + ".", e);
        }
    }

    /**
     * Keeps a copy in history. An apply writes state after every batch of finished actions (23 times
     * for 3,000 versions); of the writes made under one lock only the last is kept, so history holds
     * one rollback point per run, not dozens of half-applied ones.
     */
    private synchronized void keep(long serial, byte[] bytes) {
        try {
            history.keep(serial, bytes);
            if (locked) {
                if (keptUnderLock >= 0 && keptUnderLock != serial) history.drop(keptUnderLock);
                keptUnderLock = serial;
            }
        } catch (IOException | StateException e) {
            // The state itself is safely written; a missing history copy only loses a rollback point.
        }
    }

    @Override
    public List<StateVersion> history(int limit) {
        long current;
        try {
            current = StateCodec.peekSerial(RegularFile.read(file, "state"));
        } catch (NoSuchFileException e) {
            current = -1;
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
        return history.list(limit, current);
    }

    @Override
    public StoredState readVersion(String versionId) {
        return history.read(versionId);
    }

    private String currentEtag() {
        try {
            return etag(RegularFile.read(file, "state"));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    @Override
    public void lock(LockInfo request) {
        try {
            requireDirectory();
        } catch (IOException e) {
            throw new StateException("cannot create the directory of " + lockFile.path() + ": " + e.getMessage() + ".", e);
        }
        lockFile.acquire(request);
        synchronized (this) {
            locked = true;
            keptUnderLock = -1;
        }
    }

    @Override
    public void unlock(String lockId) {
        if (!lockFile.release(lockId)) return;
        synchronized (this) {
            locked = false;
            keptUnderLock = -1;
        }
    }

    @Override
    public Optional<LockInfo> currentLock() {
        return lockFile.holder();
    }

    /**
     * Only a lock this JVM holds can be removed: another process's OS lock lasts exactly as long as
     * that process, so a dead run's lock is already gone and a live run's must not be broken.
     */
    @Override
    public LockInfo forceUnlock(String lockId) {
        LockInfo held = currentLock().orElseThrow(() -> new StateException(ErrorCode.STATE_LOCK_ID_MISMATCH, "state " + file + " is not locked; nothing to unlock."));
        if (!held.id().equals(lockId)) throw StateBackend.otherLockId(location(), held, lockId);
        if (!lockFile.release(lockId)) {
            throw new StateException(ErrorCode.STATE_LOCK_ID_MISMATCH, "the lock on " + file + " is held by a running process: " + held.who() + " since " + held.created()
                    + " (operation " + held.operation() + "); a local lock ends with its process, so stop that run instead.");
        }
        return held;
    }

    /**
     * The version tag of a state file's bytes, compared before every write. CRC32C and the length,
     * not SHA-256: the lock already keeps writers apart, so the tag only has to notice that the file
     * changed (another writer, a hand edit), and on a 6.5 MB state SHA-256 costs about 120 ms of
     * every plan on a JIT-limited JVM where CRC32C costs 2 ms.
     */
    static String etag(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return String.format("%08x-%d", crc.getValue(), bytes.length);
    }
}
