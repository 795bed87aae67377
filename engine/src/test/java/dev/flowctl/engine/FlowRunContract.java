package dev.flowctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.port.Deployment;
import dev.flowctl.port.DeploymentRequest;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.RunInfo;
import dev.flowctl.port.RunRef;
import dev.flowctl.port.RunRequest;
import dev.flowctl.port.RunState;
import dev.flowctl.port.UnknownRunException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FlowEngine} that runs flows must do, on top of {@link FlowEngineContract}:
 * start returns a reference, a second start with the same idempotency key returns the first run
 * and starts nothing, a run ends SUCCEEDED or FAILED (with an error) as its flow does, cancel ends a
 * running run CANCELLED, runs are listed newest first, and an unknown run is an {@link UnknownRunException} in
 * one clear sentence.
 * Each adapter says how to deploy a version whose runs succeed, fail or run long.
 */
public abstract class FlowRunContract extends FlowEngineContract {
    /** A hang guard for following a run to its end, not a performance assertion. */
    protected static final Duration HANG_GUARD = Duration.ofSeconds(90);

    /** How a deployed version's runs behave. */
    protected enum RunKind {
        /** Reads its input and ends successfully. */
        SUCCEEDS,
        /** Ends with an error. */
        FAILS,
        /** Runs far longer than any test: only cancel ends it. */
        RUNS_LONG
    }

    /** A create request (this test's {@link #project}) for a version whose runs behave as {@code kind}. */
    protected abstract DeploymentRequest runnableRequest(RunKind kind);

    /** A run input in the canonical engine JSON that the versions of {@link #runnableRequest} accept. */
    protected String input() {
        return "{\"fleet_id\":\"fleet-7\",\"months\":24}";
    }

    /** A run id this adapter cannot know, shaped like its real ones; {@code known} is a real run. */
    protected String unknownRunId(RunRef known) {
        return "no-such-run-0";
    }

    /** Deploys a version of {@code kind} and returns the request for starting runs of it. */
    protected RunRequest deployRunnable(RunKind kind, String idempotencyKey) {
        DeploymentRequest d = runnableRequest(kind);
        Deployment deployment = engine().deploy(d);
        return runRequest(d, deployment, idempotencyKey);
    }

    protected RunRequest runRequest(DeploymentRequest d, Deployment deployment, String idempotencyKey) {
        return new RunRequest(d.owner(), d.address(), deployment.engineRef(), input(), idempotencyKey, d.settings());
    }

    /** Describes the run until it has ended; fails (rather than hangs) after {@link #HANG_GUARD}. */
    protected RunInfo awaitEnd(RunRequest r, RunRef ref) {
        Instant giveUp = Instant.now().plus(HANG_GUARD);
        while (true) {
            RunInfo info = engine().describe(r.owner(), ref);
            if (info.state().terminal()) return info;
            if (Instant.now().isAfter(giveUp)) throw new AssertionError("run still " + info.state() + " after " + HANG_GUARD + ": " + info);
            pause();
        }
    }

    /** Describes the run until the engine says it runs, or it has ended. */
    protected RunInfo awaitStarted(RunRequest r, RunRef ref) {
        Instant giveUp = Instant.now().plus(HANG_GUARD);
        while (true) {
            RunInfo info = engine().describe(r.owner(), ref);
            if (info.state() != RunState.QUEUED) return info;
            if (Instant.now().isAfter(giveUp)) throw new AssertionError("run still queued after " + HANG_GUARD + ": " + info);
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Test
    protected void startReturnsAReferenceToARunOfTheVersion() {
        RunRequest r = deployRunnable(RunKind.SUCCEEDS, null);
        RunRef ref = engine().start(r);
        assertEquals(r.address(), ref.address());
        assertFalse(ref.runId() == null || ref.runId().isBlank(), ref.toString());
        assertEquals(ref, engine().describe(r.owner(), ref).ref());
        awaitEnd(r, ref);
    }

    @Test
    protected void aSecondStartWithTheSameKeyReturnsTheFirstRunAndStartsNothing() {
        RunRequest r = deployRunnable(RunKind.SUCCEEDS, "order-4711");
        RunRef first = engine().start(r);
        RunRef second = engine().start(r);
        assertEquals(first, second);
        awaitEnd(r, first);
        assertEquals(first, engine().start(r), "the key still names the run once it has ended");
        List<RunInfo> runs = engine().runs(r.owner(), r.address(), r.engineRef(), 10);
        assertEquals(List.of(first), runs.stream().map(RunInfo::ref).toList());
    }

    @Test
    protected void differentKeysStartDifferentRuns() {
        RunRequest a = deployRunnable(RunKind.SUCCEEDS, "key-a");
        RunRequest b = new RunRequest(a.owner(), a.address(), a.engineRef(), a.inputJson(), "key-b", a.settings());
        RunRef ra = engine().start(a);
        RunRef rb = engine().start(b);
        assertFalse(ra.equals(rb), ra + " and " + rb);
        awaitEnd(a, ra);
        awaitEnd(b, rb);
    }

    @Test
    protected void aRunThatSucceedsEndsSucceededWithItsTimes() {
        RunRequest r = deployRunnable(RunKind.SUCCEEDS, null);
        RunRef ref = engine().start(r);
        RunInfo end = awaitEnd(r, ref);
        assertEquals(RunState.SUCCEEDED, end.state(), end.toString());
        assertNotNull(end.startedAt(), end.toString());
        assertNotNull(end.stoppedAt(), end.toString());
        assertFalse(end.stoppedAt().isBefore(end.startedAt()), end.toString());
    }

    @Test
    protected void aRunThatFailsEndsFailedWithAnError() {
        RunRequest r = deployRunnable(RunKind.FAILS, null);
        RunRef ref = engine().start(r);
        RunInfo end = awaitEnd(r, ref);
        assertEquals(RunState.FAILED, end.state(), end.toString());
        assertFalse(end.error() == null || end.error().isBlank(), "a failed run says why: " + end);
        assertNotNull(end.stoppedAt(), end.toString());
    }

    @Test
    protected void cancellingARunningRunEndsItCancelled() {
        RunRequest r = deployRunnable(RunKind.RUNS_LONG, null);
        RunRef ref = engine().start(r);
        assertEquals(RunState.RUNNING, awaitStarted(r, ref).state());
        engine().cancel(r.owner(), ref);
        RunInfo end = awaitEnd(r, ref);
        assertEquals(RunState.CANCELLED, end.state(), end.toString());
        engine().cancel(r.owner(), ref);
        assertEquals(RunState.CANCELLED, engine().describe(r.owner(), ref).state(), "cancelling an ended run changes nothing");
    }

    @Test
    protected void runsAreListedNewestFirst() {
        RunRequest r = deployRunnable(RunKind.SUCCEEDS, null);
        RunRef older = engine().start(r);
        awaitEnd(r, older);
        RunRef newer = engine().start(r);
        awaitEnd(r, newer);
        assertEquals(List.of(newer, older), engine().runs(r.owner(), r.address(), r.engineRef(), 10).stream().map(RunInfo::ref).toList());
        assertEquals(List.of(newer), engine().runs(r.owner(), r.address(), r.engineRef(), 1).stream().map(RunInfo::ref).toList());
    }

    @Test
    protected void anUnknownRunIsOneClearSentence() {
        RunRequest r = deployRunnable(RunKind.SUCCEEDS, null);
        RunRef known = engine().start(r);
        RunRef unknown = new RunRef(r.address(), unknownRunId(known));
        // UnknownRunException, not any engine failure: the gateway answers it NOT_FOUND, not UNAVAILABLE.
        assertOneSentence(assertThrows(UnknownRunException.class, () -> engine().describe(r.owner(), unknown)));
        assertOneSentence(assertThrows(UnknownRunException.class, () -> engine().cancel(r.owner(), unknown)));
        awaitEnd(r, known);
    }

    protected static void assertOneSentence(EngineException e) {
        String m = e.getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        assertFalse(m.contains("\tat "), "no stack trace: " + m);
        assertTrue(m.endsWith("."), "one sentence: " + m);
    }
}
