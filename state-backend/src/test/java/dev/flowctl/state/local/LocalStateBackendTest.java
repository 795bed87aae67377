package dev.flowctl.state.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateBackendContract;
import dev.flowctl.state.LockInfo;
import dev.flowctl.state.StateDocument;
import dev.flowctl.state.StateVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStateBackendTest extends StateBackendContract {
    @TempDir
    Path dir;

    @Override
    protected StateBackend open(String name) {
        return new LocalStateBackend(dir.resolve(name).resolve("state.json"));
    }

    @Override
    protected void writeRaw(String name, byte[] bytes) {
        try {
            Files.createDirectories(dir.resolve(name));
            Files.write(dir.resolve(name).resolve("state.json"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void historyKeepsOnlyTheNewestHundredCopies() throws IOException {
        StateBackend b = open("pruned");
        StateDocument doc = sample("risk", 1);
        String etag = null;
        for (int i = 0; i < LocalHistory.KEEP + 5; i++) {
            doc = doc.nextSerial("test");
            etag = b.write(doc, etag);
        }
        try (var files = Files.list(dir.resolve("pruned").resolve("state.json.history"))) {
            assertEquals(LocalHistory.KEEP, files.count());
        }
        assertEquals(LocalHistory.KEEP + 5, ((LocalStateBackend) b).history(1).get(0).serial());
    }

    @Test
    void historyKeepsTheLastWriteOfEachLockedRunOnly() {
        LocalStateBackend b = (LocalStateBackend) open("runs");
        StateDocument doc = sample("risk", 0);
        String etag = null;
        for (int run = 0; run < 2; run++) {
            LockInfo lock = LockInfo.forThisProcess("apply", "test");
            b.lock(lock);
            for (int write = 0; write < 3; write++) {
                doc = doc.nextSerial("test");
                etag = b.write(doc, etag);
            }
            b.unlock(lock.id());
        }
        doc = doc.nextSerial("test");
        b.write(doc, etag); // without a lock (as tests and tools may write): kept as well
        assertEquals(List.of(7L, 6L, 3L), b.history(10).stream().map(StateVersion::serial).toList());
        assertEquals(6L, b.readVersion("6").document().serial());
    }

    /**
     * The gateway in the container image runs as its own user: a state applied by someone else is
     * unreadable to it, and the JDK's AccessDeniedException message is only the path. (Tests run as
     * root, for whom no mode denies a read, so the exception is made here rather than by chmod.)
     */
    @Test
    void anUnreadableStateSaysPermissionDenied() {
        Path file = Path.of("/work/.flowctl/state.json");
        assertEquals("cannot read state /work/.flowctl/state.json: permission denied; make it readable by the user flowctl"
                        + " runs as (or run flowctl as its owner).",
                LocalStateBackend.cannotRead(file, new java.nio.file.AccessDeniedException(file.toString())).getMessage());
    }
}
