package dev.flowctl.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowctl.state.local.LocalStateBackend;
import dev.flowctl.state.s3.S3Location;
import dev.flowctl.state.s3.S3ProxyServer;
import dev.flowctl.state.s3.S3StateBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Issue 14, items 10 and 11: a damaged lock, state or history entry is a one-sentence state error
 * naming the file or key and the fix, never an internal error or a hang, and the state is left as
 * it was; a restored older state never replaces the newer copies history keeps.
 */
class HostileStateTest {
    static S3ProxyServer server;
    static final String BUCKET = "hostile-state";

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        server.useAsDefaultCredentials();
        server.createBucket(BUCKET, true);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private Path state() {
        return dir.resolve("state.json");
    }

    private LocalStateBackend local() {
        return new LocalStateBackend(state());
    }

    private static S3StateBackend s3(String key) {
        return new S3StateBackend(new S3Location(BUCKET, key, "us-east-1", server.endpoint(), null, null, true));
    }

    /** A state with one deployed version, written as flowctl writes it, then changed by {@code edit}. */
    private byte[] writtenState(java.util.function.Consumer<ObjectNode> edit) throws IOException {
        ObjectNode doc = StateCodec.JSON.valueToTree(StateBackendContract.sample("risk", 1).nextSerial("test"));
        edit.accept(doc);
        byte[] bytes = StateCodec.encode(doc);
        Files.write(state(), bytes);
        return bytes;
    }

    private String refusal(LocalStateBackend b) {
        return assertThrows(StateException.class, b::read).getMessage();
    }

    @Test
    void aLocalLockFileHoldingNullOrAnEmptyObjectIsNoLock() throws IOException {
        for (String junk : List.of("null", "{}", "", "[1,2]")) {
            Files.writeString(dir.resolve("state.json.lock"), junk);
            LocalStateBackend b = local();
            assertEquals(Optional.empty(), b.currentLock(), junk);
            assertEquals("state " + state() + " is not locked; nothing to unlock.",
                    assertThrows(StateException.class, () -> b.forceUnlock("x")).getMessage(), junk);
            LockInfo mine = LockInfo.forThisProcess("apply", "test");
            b.lock(mine);
            b.unlock(mine.id());
        }
    }

    @Test
    void anS3LockObjectThatIsNullOrEmptyIsReportedWithTheIdThatRemovesIt() {
        for (String junk : List.of("null", "{}", "{\"id\": null}")) {
            String key = "risk/" + UUID.randomUUID() + ".json";
            server.admin().putObject(p -> p.bucket(BUCKET).key(key + ".lock"), RequestBody.fromString(junk));
            S3StateBackend b = s3(key);
            StateException locked = assertThrows(StateException.class, () -> b.lock(LockInfo.forThisProcess("apply", "test")));
            String id = locked.getMessage().replaceAll(".*flowctl force-unlock ", "");
            assertTrue(locked.getMessage().startsWith("the lock s3://" + BUCKET + "/" + key + ".lock is not a flowctl lock; if no run "
                    + "is using this state, remove it with: flowctl force-unlock unreadable-"), junk + ": " + locked.getMessage());
            StateException sameForForceUnlock = assertThrows(StateException.class, () -> b.forceUnlock("wrong"));
            assertEquals(locked.getMessage(), sameForForceUnlock.getMessage(), junk);
            b.forceUnlock(id);
            b.lock(LockInfo.forThisProcess("apply", "test"));
            b.close();
        }
    }

    @Test
    void aLockNamingNoHolderSaysUnknownRatherThanNull() {
        String key = "risk/" + UUID.randomUUID() + ".json";
        server.admin().putObject(p -> p.bucket(BUCKET).key(key + ".lock"), RequestBody.fromString("{\"id\": \"abc\"}"));
        try (S3StateBackend b = s3(key)) {
            StateLockedException e = assertThrows(StateLockedException.class, () -> b.lock(LockInfo.forThisProcess("apply", "t")));
            assertEquals("state is locked by unknown since an unknown time (operation unknown, lock ID abc); if that run is dead, run: "
                    + "flowctl force-unlock abc", e.getMessage());
            assertEquals("abc", b.forceUnlock("abc").id());
        }
    }

    @Test
    void aVersionEntryWithoutItsFlowIsADamagedState() throws IOException {
        byte[] bytes = writtenState(d -> ((ObjectNode) d.at("/versions/flow0@v1")).remove("flow"));
        assertEquals("state at " + state() + " is damaged (versions.flow0@v1.flow is missing); " + StateCodec.RESTORE, refusal(local()));
        assertArrayEquals(bytes, Files.readAllBytes(state()));
    }

    @Test
    void aNullSchemaIsADamagedStateNotASchemaChange() throws IOException {
        writtenState(d -> ((ObjectNode) d.at("/versions/flow0@v1")).putNull("schema"));
        assertEquals("state at " + state() + " is damaged (versions.flow0@v1.schema is missing); " + StateCodec.RESTORE, refusal(local()));
    }

    @Test
    void aKeyGivenTwiceIsRefusedNotReadLastWins() throws IOException {
        byte[] good = writtenState(d -> { });
        String text = new String(good, StandardCharsets.UTF_8);
        Files.writeString(state(), text.replace("\"serial\" : 1,", "\"serial\" : 1,\n  \"serial\" : 7,"));
        String m = refusal(local());
        assertTrue(m.matches("state at \\Q" + state() + "\\E is damaged \\(key 'serial' appears twice \\(line \\d+, column \\d+\\)\\); "
                + "\\Q" + StateCodec.RESTORE + "\\E"), m);

        // Two entries for one version: the first one must not silently vanish.
        String entry = StateCodec.JSON.writeValueAsString(StateCodec.JSON.readTree(good).at("/versions/flow0@v1"));
        assertTrue(text.contains("\"versions\" : {"), text);
        Files.writeString(state(), text.replace("\"versions\" : {", "\"versions\" : {\n    \"flow0@v1\" : " + entry + ","));
        assertTrue(refusal(local()).contains("is damaged (key 'flow0@v1' appears twice (line "), refusal(local()));

        Files.writeString(dir.resolve("state.json.lock"), "{\"id\": \"a\", \"id\": \"b\"}");
        StateException lock = assertThrows(StateException.class,
                () -> StateCodec.decodeLock(Files.readAllBytes(dir.resolve("state.json.lock")), "state.json.lock"));
        assertTrue(lock.getMessage().startsWith("lock at state.json.lock is not readable (key 'id' appears twice (line 1, column "),
                lock.getMessage());
    }

    @Test
    void aHistoryFileWithATwentyDigitSerialIsNamedNotAnInternalError() throws IOException {
        LocalStateBackend b = local();
        b.write(StateBackendContract.sample("risk", 1).nextSerial("t"), null);
        Path history = dir.resolve("state.json.history");
        Files.writeString(history.resolve("99999999999999999999.json"), "{}");
        String expected = "state history " + history + " holds 99999999999999999999.json, which is not a copy flowctl wrote (it names "
                + "copies by serial, like 000042.json); move that file out of " + history + ".";
        assertEquals(expected, assertThrows(StateException.class, () -> b.history(10)).getMessage());
        assertEquals(expected, assertThrows(StateException.class, b::read).getMessage());
    }

    @Test
    void aFifoOrDeviceInPlaceOfStateOrLockIsRefusedWithoutHanging() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (Path target : List.of(fifo, Path.of("/dev/zero"))) {
            Files.deleteIfExists(state());
            Files.createSymbolicLink(state(), target);
            String m = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refusal(local()));
            assertEquals("the state file " + state() + " is not a regular file (a FIFO, device or directory); flowctl reads state "
                    + "only from regular files, so point --state (or state.path in flows.yaml) at the state file, or remove what is in "
                    + "its place.", m);
            Files.delete(state());

            Path lock = dir.resolve("state.json.lock");
            Files.deleteIfExists(lock);
            Files.createSymbolicLink(lock, target);
            StateException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(StateException.class, () -> local().lock(LockInfo.forThisProcess("apply", "t"))));
            assertTrue(e.getMessage().startsWith("the lock file " + lock + " is not a regular file"), e.getMessage());
            Files.delete(lock);
        }
    }

    /**
     * The documented restore: an older history copy put back as state.json. The next writes continue
     * above the newest kept serial, so every newer copy survives unchanged.
     */
    @Test
    void aRestoredOlderStateNeverReplacesNewerHistoryCopies() throws IOException {
        LocalStateBackend b = local();
        StateDocument doc = StateBackendContract.sample("risk", 1);
        String etag = null;
        for (int i = 1; i <= 3; i++) {
            doc = doc.withVersion(new DeployedVersion("f" + i, "v1", "s", null, "local", "e", "r", StateBackendContract.schema("x"),
                    List.of(), java.time.Instant.EPOCH)).nextSerial("t");
            etag = b.write(doc, etag);
        }
        Path history = dir.resolve("state.json.history");
        byte[] two = Files.readAllBytes(history.resolve("000002.json"));
        byte[] three = Files.readAllBytes(history.resolve("000003.json"));
        Files.copy(history.resolve("000001.json"), state(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        StoredState restored = b.read().orElseThrow();
        assertTrue(restored.restored());
        assertEquals(1, restored.document().serial(), "reads what was put back");
        assertEquals(3, restored.keptSerial());
        assertEquals("state at " + state() + " has serial 1, older than the newest kept version (serial 3), so it was restored or "
                + "rolled back; the next write records it as serial 4 and every kept version stays in flowctl state history.",
                restored.restoredNotice(b.location()));

        b.write(restored.base().nextSerial("t"), restored.etag());
        assertEquals(4, b.read().orElseThrow().document().serial());
        assertFalse(b.read().orElseThrow().restored());
        assertArrayEquals(two, Files.readAllBytes(history.resolve("000002.json")));
        assertArrayEquals(three, Files.readAllBytes(history.resolve("000003.json")));
        assertEquals(List.of(4L, 3L, 2L, 1L), b.history(10).stream().map(StateVersion::serial).toList());
    }

    /** A deleted state.json whose history remains is not a new state: starting afresh would write serial 1 over a kept copy. */
    @Test
    void aDeletedStateWithHistoryIsRefusedNotStartedAfresh() throws IOException {
        LocalStateBackend b = local();
        String etag = b.write(StateBackendContract.sample("risk", 1).nextSerial("t"), null);
        b.write(StateBackendContract.sample("risk", 2).nextSerial("t").nextSerial("t"), etag);
        Path history = dir.resolve("state.json.history");
        byte[] one = Files.readAllBytes(history.resolve("000001.json"));
        Files.delete(state());

        Path newest = history.resolve("000002.json");
        assertEquals("state " + state() + " is missing, but its history holds serial 2, so it was deleted or moved; restore it with 'cp "
                + newest + " " + state() + "' (or point --state at where it went), or, to start over on purpose, remove " + history
                + " as well.", refusal(b));
        assertArrayEquals(one, Files.readAllBytes(history.resolve("000001.json")));
        Files.copy(newest, state());
        assertEquals(2, b.read().orElseThrow().document().serial(), "the command the message gives restores it");
    }
}
