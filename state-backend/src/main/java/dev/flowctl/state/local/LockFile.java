package dev.flowctl.state.local;

import dev.flowctl.state.LockInfo;
import dev.flowctl.state.StateCodec;
import dev.flowctl.state.StateException;
import dev.flowctl.state.StateLockedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local state lock: an OS lock on {@code state.json.lock}, held for as long as the lock is,
 * with the holder's {@link LockInfo} written in the file for the "locked by" message (as
 * Terraform's local backend does). The OS frees the lock when its process dies, {@code kill -9}
 * included, so a dead run never blocks the next one; a lock file whose OS lock is free is a
 * leftover, not a held lock. The file itself is never deleted: a process that opened it just
 * before a delete could lock the unlinked file while another locks a new one.
 */
final class LockFile {
    /**
     * The locks this JVM holds, by lock file. Every use of a lock file in this JVM happens under
     * this map's monitor: POSIX drops all of a process's locks on a file when it closes any
     * descriptor of that file, so no other descriptor may be opened and closed while one is held.
     */
    private static final Map<Path, Held> HELD = new HashMap<>();

    private record Held(FileChannel channel, FileLock lock, LockInfo info) {
    }

    private final Path path;

    LockFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** Takes the lock or throws {@link StateLockedException} naming the holder. */
    void acquire(LockInfo request) {
        synchronized (HELD) {
            Held mine = HELD.get(path);
            if (mine != null) throw new StateLockedException(mine.info());
            FileChannel ch = null;
            try {
                requireRegularIfPresent();
                ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = ch.tryLock();
                if (lock == null) throw new StateLockedException(holderInfo(ch));
                ch.truncate(0);
                ByteBuffer info = ByteBuffer.wrap(StateCodec.encode(request));
                while (info.hasRemaining()) ch.write(info, info.position());
                ch.force(true);
                HELD.put(path, new Held(ch, lock, request));
                ch = null;
            } catch (IOException e) {
                throw new StateException("cannot take the lock " + path + ": " + e.getMessage() + ".", e);
            } finally {
                closeQuietly(ch);
            }
        }
    }

    /** Releases the lock if this JVM holds it with this ID; returns whether it did. */
    boolean release(String lockId) {
        synchronized (HELD) {
            Held mine = HELD.get(path);
            if (mine == null || !mine.info().id().equals(lockId)) return false;
            HELD.remove(path);
            try {
                mine.channel().truncate(0); // a leftover file then names no one
            } catch (IOException e) {
                // the OS lock is what counts; stale details in a free lock file are ignored
            }
            closeQuietly(mine.channel()); // closing releases the OS lock
            return true;
        }
    }

    /** The holder, if any process holds the lock now. */
    Optional<LockInfo> holder() {
        synchronized (HELD) {
            Held mine = HELD.get(path);
            if (mine != null) return Optional.of(mine.info());
            try {
                requireRegularIfPresent();
            } catch (IOException e) {
                throw new StateException("cannot read the lock " + path + ": " + e.getMessage() + ".", e);
            }
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock probe = ch.tryLock();
                if (probe != null) {
                    probe.release();
                    return Optional.empty();
                }
                return Optional.of(holderInfo(ch));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new StateException("cannot read the lock " + path + ": " + e.getMessage() + ".", e);
            }
        }
    }

    /**
     * What the holder wrote. It writes just after it takes the OS lock, so an empty or partial file
     * is read again a few times before it is reported as a holder that left no details.
     */
    private LockInfo holderInfo(FileChannel ch) throws IOException {
        for (int attempt = 0; attempt < 10; attempt++) {
            byte[] bytes = new byte[(int) Math.min(ch.size(), 1 << 20)];
            ch.read(ByteBuffer.wrap(bytes), 0);
            try {
                if (bytes.length > 0) return StateCodec.decodeLock(bytes, path.toString());
            } catch (StateException partial) {
                // still being written
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new LockInfo("unknown", "another process on this machine (it left no details in " + path + ")", "unknown",
                Files.getLastModifiedTime(path).toInstant(), "unknown");
    }

    /** A FIFO or device in place of the lock file would hang or flood the open and read below. */
    private void requireRegularIfPresent() throws IOException {
        if (Files.exists(path)) RegularFile.requireRegular(path, "lock");
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
