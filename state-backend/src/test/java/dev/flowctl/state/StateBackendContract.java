package dev.flowctl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.flowctl.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every state backend promises: read, conditional write, exclusive lock with a named holder,
 * force-unlock by ID, and kept history. Each backend's test extends this class.
 */
public abstract class StateBackendContract {
    /** A client on the state called {@code name}; calling twice gives two independent clients on the same state. */
    protected abstract StateBackend open(String name);

    /** Puts raw bytes where the state called {@code name} lives, bypassing the backend. */
    protected abstract void writeRaw(String name, byte[] bytes);

    protected static String fresh() {
        return "s" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static StateDocument sample(String project, int flows) {
        StateDocument doc = StateDocument.empty(project, "test");
        for (int i = 0; i < flows; i++) {
            doc = doc.withVersion(new DeployedVersion("flow" + i, "v1", "src" + i, null, "local", "eng", "ref" + i,
                    schema("x"), List.of(), Instant.parse("2026-01-01T00:00:00Z")));
        }
        return doc;
    }

    /** A one-input schema in the canonical form state records. */
    protected static CanonicalJson schema(String input) {
        var inputs = JsonNodeFactory.instance.arrayNode();
        inputs.addObject().put("name", input).putObject("type").put("kind", "string");
        return CanonicalJson.of(inputs);
    }

    @Test
    void readsNothingWhenNoStateWasWritten() {
        assertEquals(Optional.empty(), open(fresh()).read());
    }

    /** The gateway polls the fingerprint and reads the state only when it changed: every write must change it. */
    @Test
    void theFingerprintChangesWithEveryWriteAndOnlyThen() {
        StateBackend b = open(fresh());
        assertEquals(null, b.fingerprint(), "no state, no fingerprint");
        StateDocument first = sample("risk", 1).nextSerial("test");
        String etag = b.write(first, null);
        String one = b.fingerprint();
        assertNotNull(one);
        assertEquals(one, b.fingerprint(), "unchanged state, same fingerprint");
        b.write(first.nextSerial("test"), etag);
        assertNotEquals(one, b.fingerprint(), "a write, even of the same size, changes it");
    }

    @Test
    void readsBackWhatWasWritten() {
        StateBackend b = open(fresh());
        StateDocument doc = sample("risk", 2).nextSerial("test");
        String etag = b.write(doc, null);
        StoredState read = b.read().orElseThrow();
        assertEquals(doc, read.document());
        assertEquals(etag, read.etag());
    }

    @Test
    void refusesAWriteBasedOnAStaleRead() {
        String name = fresh();
        StateBackend a = open(name);
        StateBackend b = open(name);
        StateDocument first = sample("risk", 1).nextSerial("test");
        a.write(first, null);
        StoredState seenByA = a.read().orElseThrow();
        StoredState seenByB = b.read().orElseThrow();
        StateDocument byB = seenByB.document().withVersion(sample("risk", 3).versions().get("flow2@v1")).nextSerial("test");
        b.write(byB, seenByB.etag());

        StateDocument byA = seenByA.document().nextSerial("test");
        assertThrows(StateConflictException.class, () -> a.write(byA, seenByA.etag()));
        assertEquals(byB, a.read().orElseThrow().document(), "the other run's write must survive");
    }

    @Test
    void refusesAFirstWriteWhenStateAppearedMeanwhile() {
        String name = fresh();
        open(name).write(sample("risk", 1).nextSerial("test"), null);
        assertThrows(StateConflictException.class, () -> open(name).write(sample("risk", 2).nextSerial("test"), null));
        assertEquals(1, open(name).read().orElseThrow().document().versions().size());
    }

    @Test
    void aHeldLockNamesItsHolderAndHowToBreakIt() {
        String name = fresh();
        StateBackend a = open(name);
        LockInfo mine = LockInfo.forThisProcess("apply", "test");
        a.lock(mine);
        StateLockedException e = assertThrows(StateLockedException.class,
                () -> open(name).lock(LockInfo.forThisProcess("apply", "test")));
        assertEquals(mine, e.holder());
        assertTrue(e.getMessage().contains("flowctl force-unlock " + mine.id()), e.getMessage());
        assertEquals(Optional.of(mine), open(name).currentLock());
        a.unlock(mine.id());
        assertEquals(Optional.empty(), a.currentLock());
    }

    @Test
    void exactlyOneOfTwoClientsRacingForTheLockWinsEveryRound() throws Exception {
        String name = fresh();
        StateBackend a = open(name);
        StateBackend b = open(name);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                LockInfo la = LockInfo.forThisProcess("apply", "test");
                LockInfo lb = LockInfo.forThisProcess("apply", "test");
                Future<Boolean> ra = pool.submit(tryLock(a, la, start));
                Future<Boolean> rb = pool.submit(tryLock(b, lb, start));
                boolean aWon = ra.get(30, TimeUnit.SECONDS);
                boolean bWon = rb.get(30, TimeUnit.SECONDS);
                assertNotEquals(aWon, bWon, "round " + round + ": exactly one client must hold the lock");
                LockInfo winner = aWon ? la : lb;
                assertEquals(winner.id(), a.currentLock().orElseThrow().id());
                (aWon ? a : b).unlock(winner.id());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Callable<Boolean> tryLock(StateBackend backend, LockInfo request, CyclicBarrier start) {
        return () -> {
            start.await();
            try {
                backend.lock(request);
                return true;
            } catch (StateLockedException e) {
                return false;
            }
        };
    }

    @Test
    void unlockLeavesSomeoneElsesLockInPlace() {
        String name = fresh();
        LockInfo theirs = LockInfo.forThisProcess("apply", "test");
        open(name).lock(theirs);
        open(name).unlock("not-their-id");
        assertEquals(Optional.of(theirs), open(name).currentLock());
    }

    @Test
    void forceUnlockNeedsTheHoldersIdAndThenFreesTheState() {
        String name = fresh();
        LockInfo dead = LockInfo.forThisProcess("apply", "test");
        open(name).lock(dead);
        StateBackend rescuer = open(name);
        StateException wrong = assertThrows(StateException.class, () -> rescuer.forceUnlock("wrong-id"));
        assertTrue(wrong.getMessage().contains(dead.id()), wrong.getMessage());
        rescuer.forceUnlock(dead.id());
        assertEquals(Optional.empty(), rescuer.currentLock());
        rescuer.lock(LockInfo.forThisProcess("apply", "test"));
        assertThrows(StateException.class, () -> open(fresh()).forceUnlock(dead.id()), "nothing to unlock");
    }

    @Test
    void keepsEveryWrittenVersionNewestFirst() {
        StateBackend b = open(fresh());
        String etag = null;
        for (int i = 1; i <= 3; i++) {
            StateDocument d = sample("risk", i);
            etag = b.write(new StateDocument(d.formatVersion(), "lineage-1", i, "test", "risk", d.versions(), d.tombstones()), etag);
        }
        StateHistory h = (StateHistory) b;
        List<StateVersion> versions = h.history(10);
        assertEquals(List.of(3L, 2L, 1L), versions.stream().map(StateVersion::serial).toList());
        assertTrue(versions.get(0).current());
        assertFalse(versions.get(1).current());
        assertEquals(2, h.history(2).size());
        StoredState second = h.readVersion(versions.get(1).id());
        assertEquals(2, second.document().serial());
        assertEquals(2, second.document().versions().size());
        assertThrows(StateException.class, () -> h.readVersion("999999"));
    }

    @Test
    void refusesStateThatIsNotJsonAndSaysWhere() {
        String name = fresh();
        StateBackend b = open(name);
        writeRaw(name, "<html>oops</html>".getBytes(StandardCharsets.UTF_8));
        StateException e = assertThrows(StateException.class, b::read);
        assertTrue(e.getMessage().contains("not valid JSON") && e.getMessage().contains(b.location()), e.getMessage());
    }
}
