package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowctl.state.StateCodec;
import dev.flowctl.state.s3.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Issue 14, items 10 and 11, as a user meets them: a damaged lock or state stops plan, apply,
 * force-unlock and state history with one sentence and exit 1 (never an internal error, never a
 * bogus breaking change), and leaves the state as it was; a state restored by the documented
 * procedure keeps every newer history copy.
 */
class HostileStateCommandsTest {
    static S3ProxyServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        server.useAsDefaultCredentials();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private Path state() {
        return dir.resolve(".flowctl/state.json");
    }

    private Project applied() {
        Project p = new Project(dir);
        Cli.Result r = p.run("apply", "--auto-approve");
        assertEquals(ExitCode.OK, r.code(), r::toString);
        return p;
    }

    private static void assertOneSentenceError(Cli.Result r, String expected) {
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertTrue(r.err().matches("(?s).* \\[FLOWCTL-E02\\d\\d]\n"), "a state error's code: " + r.err());
        assertEquals("Error: " + expected + "\n", r.err().replaceFirst(" \\[FLOWCTL-E\\d{4}]\n$", "\n"));
    }

    @Test
    void applyAndForceUnlockIgnoreALocalLockFileHoldingNullOrAnEmptyObject() throws IOException {
        Project p = applied();
        for (String junk : List.of("null", "{}")) {
            Files.writeString(dir.resolve(".flowctl/state.json.lock"), junk);
            assertOneSentenceError(p.run("force-unlock", "some-id"), "state " + state() + " is not locked; nothing to unlock.");
            Cli.Result apply = p.run("apply", "--auto-approve");
            assertEquals(ExitCode.OK, apply.code(), junk + ": " + apply);
        }
    }

    @Test
    void anS3LockOfNullIsNamedTheSameWayByApplyAndForceUnlock() {
        String bucket = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
        server.createBucket(bucket, true);
        Project p = new Project(dir);
        Cli.write(p.flows, Project.V1.replace("engine:", "state: { backend: s3, bucket: " + bucket + ", key: demo.json, region: "
                + "us-east-1, endpoint: '" + server.endpoint() + "', pathStyle: true }\nengine:"));
        server.admin().putObject(b -> b.bucket(bucket).key("demo.json.lock"), RequestBody.fromString("null"));

        Cli.Result apply = p.run("apply", "--auto-approve");
        assertEquals(ExitCode.ERROR, apply.code(), apply::toString);
        String prefix = "Error: the lock s3://" + bucket + "/demo.json.lock is not a flowctl lock; if no run is using this state, "
                + "remove it with: flowctl force-unlock unreadable-";
        assertTrue(apply.err().startsWith(prefix) && apply.err().lines().count() == 1, apply.err());
        Cli.Result wrongId = p.run("force-unlock", "some-id");
        assertEquals(apply.err(), wrongId.err(), "force-unlock says the same, not 'not locked'");
        String id = apply.err().trim().replaceFirst(" \\[FLOWCTL-E\\d{4}]$", "").substring(prefix.length() - "unreadable-".length());
        assertEquals(ExitCode.OK, p.run("force-unlock", id).code());
        assertEquals(ExitCode.OK, p.run("apply", "--auto-approve").code());
    }

    /** plan, apply and state show on a corrupted state: one state error each, exit 1, state untouched. */
    private void refusedEverywhere(Project p, Consumer<ObjectNode> corrupt, String problem) throws IOException {
        ObjectNode doc = (ObjectNode) StateCodec.JSON.readTree(state().toFile());
        corrupt.accept(doc);
        byte[] bytes = StateCodec.encode(doc);
        Files.write(state(), bytes);
        for (String command : List.of("plan", "apply --auto-approve", "force-unlock x", "state show")) {
            Cli.Result r = p.run(command.split(" "));
            assertOneSentenceError(r, "state at " + state() + " is damaged (" + problem + "); " + StateCodec.RESTORE);
        }
        assertArrayEquals(bytes, Files.readAllBytes(state()));
    }

    @Test
    void aVersionEntryMissingItsFlowIsAStateError() throws IOException {
        refusedEverywhere(applied(), d -> ((ObjectNode) d.at("/versions/scoring@v1")).remove("flow"), "versions.scoring@v1.flow is missing");
    }

    @Test
    void aNullSchemaIsAStateErrorNotABreakingChange() throws IOException {
        refusedEverywhere(applied(), d -> ((ObjectNode) d.at("/versions/scoring@v1")).putNull("schema"),
                "versions.scoring@v1.schema is missing");
    }

    @Test
    void aDuplicateKeyInStateIsAStateError() throws IOException {
        Project p = applied();
        String text = Files.readString(state());
        String twice = text.replace("\"project\" : \"demo\",", "\"project\" : \"demo\",\n  \"project\" : \"demo\",");
        Files.writeString(state(), twice);
        for (String command : List.of("plan", "apply --auto-approve", "state history")) {
            Cli.Result r = p.run(command.split(" "));
            assertEquals(ExitCode.ERROR, r.code(), r::toString);
            assertTrue(r.err().matches("Error: state at \\Q" + state() + "\\E is damaged \\(key 'project' appears twice \\(line \\d+, "
                    + "column \\d+\\)\\); \\Q" + StateCodec.RESTORE + "\\E \\[FLOWCTL-E0203]\n"), r.err());
        }
        assertEquals(twice, Files.readString(state()));
    }

    @Test
    void aHistoryFileWithATwentyDigitSerialIsAStateError() throws IOException {
        Project p = applied();
        Path history = dir.resolve(".flowctl/state.json.history");
        Files.writeString(history.resolve("99999999999999999999.json"), "{}");
        Cli.Result r = p.run("state", "history");
        assertOneSentenceError(r, "state history " + history + " holds 99999999999999999999.json, which is not a copy flowctl wrote "
                + "(it names copies by serial, like 000042.json); move that file out of " + history + ".");
    }

    /**
     * docs/state.md, "History and safe rollback", followed literally on local state: copy an older
     * history copy over state.json, plan, apply. Plan says the state was restored; apply writes above
     * every kept serial, so no newer copy is replaced, and a plan saved before the restore is refused.
     */
    @Test
    void restoringAnOlderStateKeepsEveryNewerHistoryCopy() throws IOException {
        Project p = applied();
        p.addOptionalInputAndV2();
        assertEquals(ExitCode.OK, p.run("apply", "--auto-approve").code());
        p.editSource();
        Path saved = dir.resolve("before-restore.flowplan");
        assertEquals(ExitCode.OK, p.run("plan", "-out", saved.toString()).code());
        assertEquals(ExitCode.OK, p.run("apply", "--auto-approve").code());
        Path history = dir.resolve(".flowctl/state.json.history");
        java.util.Map<Path, byte[]> kept = new java.util.TreeMap<>();
        try (var files = Files.list(history)) {
            for (Path f : files.toList()) kept.put(f, Files.readAllBytes(f));
        }
        assertEquals(3, kept.size(), "one copy per apply: " + kept.keySet());
        Path oldest = kept.keySet().iterator().next();
        long restoredSerial = StateCodec.JSON.readTree(oldest.toFile()).get("serial").asLong();
        long newest = StateCodec.JSON.readTree(state().toFile()).get("serial").asLong();

        Files.copy(oldest, state(), StandardCopyOption.REPLACE_EXISTING);
        String notice = "Warning: state at " + state() + " has serial " + restoredSerial + ", older than the newest kept version (serial "
                + newest + "), so it was restored or rolled back; the next write records it as serial " + (newest + 1)
                + " and every kept version stays in flowctl state history.\n";
        Cli.Result plan = p.run("plan");
        assertEquals(ExitCode.OK, plan.code(), plan::toString);
        assertEquals(notice, plan.err());
        assertTrue(plan.out().contains("scoring@v1"), plan.out());

        // v2 was deployed after the restored version: apply redoes v1's update and names the import for v2.
        Cli.Result apply = p.run("apply", "--auto-approve");
        assertEquals(ExitCode.ERROR, apply.code(), apply::toString);
        assertTrue(apply.err().startsWith(notice) && apply.err().contains("adopt it with flowctl import scoring@v2 demo/scoring/v2.json."),
                apply.err());
        assertEquals(newest + 1, StateCodec.JSON.readTree(state().toFile()).get("serial").asLong());
        for (var copy : kept.entrySet()) assertArrayEquals(copy.getValue(), Files.readAllBytes(copy.getKey()), copy.getKey() + " kept");
        Cli.Result imported = p.run("import", "scoring@v2", "demo/scoring/v2.json");
        assertEquals(ExitCode.OK, imported.code(), imported::toString);
        assertEquals("", imported.err(), "once written above history, the state is no longer a restored one");
        assertEquals(ExitCode.OK, p.run("plan", "--detailed-exitcode").code(), "state is true to what is deployed again");

        Cli.Result stale = Cli.run("apply", saved.toString());
        assertEquals(ExitCode.ERROR, stale.code(), stale::toString);
        assertTrue(stale.err().contains("state changed since this plan was made"), stale.err());
        assertEquals(newest + 2, StateCodec.JSON.readTree(state().toFile()).get("serial").asLong());
    }
}
