package dev.flowctl.apply;

import dev.flowctl.port.Deployment;
import dev.flowctl.port.DeploymentRequest;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.LiveFlowVersion;
import dev.flowctl.port.Owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.plan.Plan;
import dev.flowctl.plan.Planner;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import dev.flowctl.state.LockInfo;
import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateDocument;
import dev.flowctl.state.StoredState;
import dev.flowctl.state.local.LocalStateBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an apply records state: after every action, coalesced, and completely on Ctrl-C. */
class ApplySessionPersistenceTest {
    @TempDir
    Path dir;

    Spec spec(int flows) throws IOException {
        StringBuilder yaml = new StringBuilder("project: risk\nflows:\n");
        for (int i = 0; i < flows; i++) {
            Files.createDirectories(dir.resolve("flows"));
            Files.writeString(dir.resolve("flows/f" + i + ".py"), "print(" + i + ")\n");
            yaml.append("  f").append(i).append(":\n    source: flows/f").append(i).append(".py\n")
                    .append("    versions:\n      v1:\n        inputs:\n          x: { type: string }\n");
        }
        Files.writeString(dir.resolve("flows.yaml"), yaml);
        return SpecParser.parse(dir.resolve("flows.yaml"));
    }

    /** An engine that keeps deployments in memory; {@code gate} can hold every deploy until released. */
    static class MemoryEngine implements FlowEngine {
        final Map<String, String> live = new ConcurrentHashMap<>();
        final AtomicInteger started = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public String type() {
            return "memory";
        }

        @Override
        public Deployment deploy(DeploymentRequest r) {
            started.incrementAndGet();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            live.put(r.address().toString(), "ref");
            return new Deployment("mem:" + r.address());
        }

        @Override
        public void delete(Owner owner, FlowVersionAddress address, String engineRef) {
            live.remove(address.toString());
        }

        @Override
        public List<LiveFlowVersion> list(Owner owner) {
            return List.of();
        }
    }

    /** The local backend with each write slowed to S3-like latency, counting writes. */
    static final class SlowBackend implements StateBackend {
        final LocalStateBackend real;
        final AtomicInteger writes = new AtomicInteger();

        SlowBackend(Path file) {
            real = new LocalStateBackend(file);
        }

        @Override
        public String write(StateDocument document, String expectedEtag) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writes.incrementAndGet();
            return real.write(document, expectedEtag);
        }

        @Override
        public Optional<StoredState> read() {
            return real.read();
        }

        @Override
        public void lock(LockInfo request) {
            real.lock(request);
        }

        @Override
        public void unlock(String lockId) {
            real.unlock(lockId);
        }

        @Override
        public Optional<LockInfo> currentLock() {
            return real.currentLock();
        }

        @Override
        public String location() {
            return real.location();
        }
    }

    ApplySession open(StateBackend backend) {
        return ApplySession.open(backend, LockInfo.forThisProcess("apply", "test"), Duration.ZERO, "test");
    }

    @Test
    void actionsThatFinishDuringAWriteShareTheNextWrite() throws IOException {
        Spec spec = spec(30);
        SlowBackend backend = new SlowBackend(dir.resolve(".flowctl/state.json"));
        ApplyResult result;
        try (ApplySession session = open(backend)) {
            Plan plan = new Planner().plan(spec, null, session.state());
            List<String> reportedBeforeRecorded = new java.util.concurrent.CopyOnWriteArrayList<>();
            result = session.apply(plan, dev.flowctl.plan.SourceFiles.of(spec), new MemoryEngine(), 10, new ApplyListener() {
                @Override
                public void finished(dev.flowctl.plan.PlannedChange change, Duration took) {
                    String a = change.address().toString();
                    if (!backend.read().orElseThrow().document().versions().containsKey(a)) reportedBeforeRecorded.add(a);
                }
            });
            assertEquals(backend.writes.get(), session.stateWrites());
            assertEquals(List.of(), reportedBeforeRecorded, "an action is reported complete only once it is in state");
        }
        assertTrue(result.ok(), result.toString());
        int writes = backend.writes.get();
        assertTrue(writes >= 1 && writes < 30, "30 actions, " + writes + " writes: never more writes than actions");
        StateDocument state = backend.read().orElseThrow().document();
        assertEquals(30, state.versions().size(), "every action recorded");
        assertEquals(writes, state.serial(), "serial grows by one per write");
        assertEquals(result.serial(), state.serial());
    }

    @Test
    void ctrlCFinishesActionsInFlightRecordsThemAndReleasesTheLock() throws Exception {
        Spec spec = spec(10);
        LocalStateBackend backend = new LocalStateBackend(dir.resolve(".flowctl/state.json"));
        MemoryEngine engine = new MemoryEngine();
        engine.gate = new CountDownLatch(1);
        ApplySession session = open(backend);
        Plan plan = new Planner().plan(spec, null, session.state());
        ApplyResult[] result = new ApplyResult[1];
        Thread applier = new Thread(() -> result[0] = session.apply(plan, dev.flowctl.plan.SourceFiles.of(spec), engine, 2, ApplyListener.NONE));
        applier.start();
        while (engine.started.get() < 2) Thread.sleep(5);
        boolean[] wasRunning = new boolean[1];
        Thread ctrlC = new Thread(() -> wasRunning[0] = session.shutdown(Duration.ofSeconds(30)));
        ctrlC.start();
        while (ctrlC.getState() != Thread.State.TIMED_WAITING) Thread.sleep(5);
        engine.gate.countDown(); // the two actions in flight finish only after Ctrl-C
        ctrlC.join();
        applier.join();

        assertTrue(wasRunning[0], "an apply was under way");
        assertEquals(2, result[0].succeeded().size(), result[0].toString());
        assertEquals(8, result[0].skipped().size());
        assertEquals(Optional.empty(), backend.currentLock(), "lock released");
        StateDocument state = backend.read().orElseThrow().document();
        assertEquals(engine.live.keySet(), state.versions().keySet(), "state records exactly what was deployed");
    }

    @Test
    void ctrlCBeforeApplyStartsReleasesTheLockAndStartsNothing() throws IOException {
        Spec spec = spec(3);
        LocalStateBackend backend = new LocalStateBackend(dir.resolve(".flowctl/state.json"));
        ApplySession session = open(backend);
        Plan plan = new Planner().plan(spec, null, session.state());
        assertFalse(session.shutdown(Duration.ofSeconds(5)));
        assertEquals(Optional.empty(), backend.currentLock());
        MemoryEngine engine = new MemoryEngine();
        ApplyResult result = session.apply(plan, dev.flowctl.plan.SourceFiles.of(spec), engine, 2, ApplyListener.NONE);
        assertEquals(3, result.skipped().size());
        assertEquals(0, engine.started.get(), "nothing deploys once the lock is gone");
    }

    @Test
    void aConflictingWriteIsNeverOverwrittenAndTheUnrecordedActionsAreReported() throws IOException {
        Spec spec = spec(4);
        Path file = dir.resolve(".flowctl/state.json");
        LocalStateBackend backend = new LocalStateBackend(file);
        StateDocument intruder = StateDocument.empty("risk", "other").nextSerial("other");
        MemoryEngine engine = new MemoryEngine() {
            @Override
            public Deployment deploy(DeploymentRequest r) {
                // Someone force-unlocks and writes while this apply is running.
                if (started.get() == 0) new LocalStateBackend(file).write(intruder, null);
                return super.deploy(r);
            }
        };
        ApplyResult result;
        try (ApplySession session = open(backend)) {
            Plan plan = new Planner().plan(spec, null, session.state());
            result = session.apply(plan, dev.flowctl.plan.SourceFiles.of(spec), engine, 1, ApplyListener.NONE);
        }
        assertFalse(result.ok());
        assertFalse(result.failed().isEmpty());
        result.failed().values().forEach(m -> assertTrue(m.startsWith("deployed, but not recorded in state ("), m));
        assertEquals(intruder, backend.read().orElseThrow().document(), "the other write survives");
    }

    @Test
    void aPlanMadeAgainstAnotherLineageIsRefusedBeforeAnythingDeploys() throws IOException {
        Spec spec = spec(2);
        LocalStateBackend backend = new LocalStateBackend(dir.resolve(".flowctl/state.json"));
        StateDocument original = StateDocument.empty("risk", "test").nextSerial("test");
        backend.write(original, null);
        Plan plan = new Planner().plan(spec, null, original);
        // Someone replaces the state with another one at the same serial.
        StateDocument replacement = StateDocument.empty("risk", "test").nextSerial("test");
        backend.write(replacement, backend.read().orElseThrow().etag());
        MemoryEngine engine = new MemoryEngine();
        try (ApplySession session = open(backend)) {
            ApplyException e = org.junit.jupiter.api.Assertions.assertThrows(ApplyException.class,
                    () -> session.apply(plan, dev.flowctl.plan.SourceFiles.of(spec), engine, 2, ApplyListener.NONE));
            assertTrue(e.getMessage().contains("lineage " + original.lineage()) && e.getMessage().contains(replacement.lineage()),
                    e.getMessage());
        }
        assertEquals(0, engine.started.get());
    }
}
