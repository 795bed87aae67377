package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowctl.state.LockInfo;
import dev.flowctl.state.StateCodec;
import dev.flowctl.state.local.LocalStateBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** state history / show / pull and force-unlock, on the local backend. */
class StateCommandsTest {
    @TempDir
    Path dir;

    Path spec(String... flows) {
        Cli.write(dir.resolve("flows/a.py"), "print('a')\n");
        StringBuilder yaml = new StringBuilder("project: risk\nflows:\n");
        for (String f : flows) {
            yaml.append("  ").append(f).append(":\n    source: flows/a.py\n    versions:\n      v1:\n        inputs:\n"
                    + "          x: { type: string }\n");
        }
        return Cli.write(dir.resolve("flows.yaml"), yaml.toString());
    }

    @Test
    void historyListsEveryApplyAndShowPrintsAnOldVersion() throws Exception {
        Path f = spec("alpha");
        assertEquals(0, Cli.run("apply", "--auto-approve", "-f", f.toString()).code());
        spec("alpha", "beta");
        assertEquals(0, Cli.run("apply", "--auto-approve", "-f", f.toString()).code());

        Cli.Result history = Cli.run("state", "history", "-f", f.toString());
        assertEquals(0, history.code(), history.toString());
        String[] lines = history.out().split("\n");
        assertEquals(3, lines.length, history.out());
        assertTrue(lines[0].startsWith("VERSION  SERIAL  WRITTEN (UTC)"), lines[0]);
        assertTrue(lines[1].matches("2 +2 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +\\S+ +\\(current\\)"), lines[1]);
        assertTrue(lines[2].matches("1 +1 +\\d{4}-.* \\S+"), lines[2]);

        Cli.Result old = Cli.run("state", "show", "--version", "1", "-f", f.toString());
        assertEquals(0, old.code(), old.toString());
        assertTrue(old.out().contains("serial   1 ") && old.out().contains("1 deployed flow version:")
                && old.out().contains("alpha@v1") && !old.out().contains("beta@v1"), old.out());

        Cli.Result pulled = Cli.run("state", "pull", "-f", f.toString());
        JsonNode json = StateCodec.JSON.readTree(pulled.out());
        assertEquals(2, json.get("serial").asInt());
        assertEquals(2, json.get("versions").size());
    }

    @Test
    void aHeldLockIsReportedAndForceUnlockRemovesItOnlyByItsId() {
        Path f = spec("alpha");
        LockInfo dead = LockInfo.forThisProcess("apply", "0.0.1");
        new LocalStateBackend(dir.resolve(".flowctl/state.json")).lock(dead);

        Cli.Result blocked = Cli.run("apply", "--auto-approve", "-f", f.toString());
        assertEquals(1, blocked.code());
        assertEquals("Error: state is locked by " + dead.who() + " since " + dead.created() + " (operation apply, lock ID " + dead.id()
                + "); if that run is dead, run: flowctl force-unlock " + dead.id() + " [FLOWCTL-E0201]\n", blocked.err());

        Cli.Result wrong = Cli.run("force-unlock", "not-the-id", "-f", f.toString());
        assertEquals(1, wrong.code());
        assertTrue(wrong.err().contains("has ID " + dead.id()), wrong.err());

        Cli.Result unlocked = Cli.run("force-unlock", dead.id(), "-f", f.toString());
        assertEquals(0, unlocked.code(), unlocked.toString());
        assertTrue(unlocked.out().startsWith("Removed lock " + dead.id()), unlocked.out());
        assertEquals(0, Cli.run("apply", "--auto-approve", "-f", f.toString()).code());

        Cli.Result again = Cli.run("force-unlock", dead.id(), "-f", f.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().endsWith("is not locked; nothing to unlock. [FLOWCTL-E0207]\n"), again.err());
    }

    @Test
    void showAndPullSayWhenNothingWasApplied() {
        Path f = spec("alpha");
        Cli.Result show = Cli.run("state", "show", "-f", f.toString());
        assertEquals(0, show.code());
        assertTrue(show.out().startsWith("No state at "), show.out());
        assertEquals(1, Cli.run("state", "pull", "-f", f.toString()).code());
        Cli.Result history = Cli.run("state", "history", "-f", f.toString());
        assertTrue(history.out().startsWith("No versions of "), history.out());
    }

    @Test
    void stateOfAnotherProjectIsRefused() {
        Path f = spec("alpha");
        assertEquals(0, Cli.run("apply", "--auto-approve", "-f", f.toString()).code());
        Cli.write(f, "project: claims\nflows:\n  alpha:\n    source: flows/a.py\n    versions:\n      v1: {}\n");
        Cli.Result plan = Cli.run("plan", "-f", f.toString());
        assertEquals(1, plan.code());
        assertTrue(plan.err().contains("belongs to project 'risk', not 'claims'"), plan.err());
        Cli.Result apply = Cli.run("apply", "--auto-approve", "-f", f.toString());
        assertEquals(1, apply.code());
        assertTrue(apply.err().contains("belongs to project 'risk', not 'claims'"), apply.err());
    }

    @Test
    void lockTimeoutWaitsForAHeldLockToBeReleased() throws Exception {
        Path f = spec("alpha");
        LocalStateBackend backend = new LocalStateBackend(dir.resolve(".flowctl/state.json"));
        LockInfo other = LockInfo.forThisProcess("apply", "0.0.1");
        backend.lock(other);
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            backend.unlock(other.id());
        });
        releaser.start();
        Cli.Result r = Cli.run("apply", "--auto-approve", "--lock-timeout", "60s", "-f", f.toString());
        releaser.join();
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Apply complete!"), r.out());
    }
}
