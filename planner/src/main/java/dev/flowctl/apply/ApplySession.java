package dev.flowctl.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowctl.plan.Action;
import dev.flowctl.plan.DesiredState;
import dev.flowctl.plan.Plan;
import dev.flowctl.plan.PlannedChange;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.SchemaJson;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.VersionSpec;
import dev.flowctl.state.DeployedVersion;
import dev.flowctl.state.LockInfo;
import dev.flowctl.state.LockWaiter;
import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateDocument;
import dev.flowctl.state.StoredState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One locked apply: takes the lock, reads fresh state, executes a plan on the engine (creates
 * and updates first, then deletes, each phase in parallel up to a bound), writes state after
 * every finished action so an interrupted apply never loses a deployment, and releases the lock
 * on close.
 */
public final class ApplySession implements AutoCloseable {
    private final StateBackend backend;
    private final LockInfo lock;
    private final String toolVersion;
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private StateDocument document;
    private String etag;
    private boolean closed;

    private ApplySession(StateBackend backend, LockInfo lock, String toolVersion) {
        this.backend = backend;
        this.lock = lock;
        this.toolVersion = toolVersion;
    }

    /** Locks the state (waiting up to {@code lockTimeout}) and reads it afresh. */
    public static ApplySession open(StateBackend backend, LockInfo lock, Duration lockTimeout, String toolVersion) {
        LockWaiter.acquire(backend, lock, lockTimeout);
        ApplySession session = new ApplySession(backend, lock, toolVersion);
        try {
            StoredState stored = backend.read().orElse(null);
            session.document = stored == null ? null : stored.document();
            session.etag = stored == null ? null : stored.etag();
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** The state as read under the lock; null when nothing was ever applied. */
    public StateDocument state() {
        return document;
    }

    /** Stops starting new actions; those in flight finish and are recorded. */
    public void interrupt() {
        interrupted.set(true);
    }

    /**
     * Refuses a plan made against other state: another lineage (another project's or environment's
     * state) or an older serial (someone applied since).
     */
    public void requireCurrent(Plan plan) {
        long serial = document == null ? 0 : document.serial();
        String lineage = document == null ? null : document.lineage();
        if (plan.lineage() != null && lineage != null && !plan.lineage().equals(lineage)) {
            throw new ApplyException("this plan was made for state lineage " + plan.lineage() + ", but this state has lineage "
                    + lineage + ", so it belongs to another project or environment; run plan against this state.");
        }
        if (plan.serial() != serial || !java.util.Objects.equals(plan.lineage(), lineage)) {
            throw new ApplyException("state changed since this plan was made: serial " + plan.serial() + " → " + serial
                    + "; run plan again.");
        }
    }

    public ApplyResult apply(Plan plan, Spec spec, String environment, FlowEngine engine, int parallelism, ApplyListener listener) {
        if (plan.blocked()) {
            throw new ApplyException("the plan is blocked by " + plan.violations().size()
                    + " compatibility violation(s) and cannot be applied; publish a new version instead.");
        }
        requireCurrent(plan);
        if (document == null) document = StateDocument.empty(spec.project(), toolVersion);
        DesiredState desired = DesiredState.of(spec, environment);
        List<FlowVersionAddress> ok = Collections.synchronizedList(new ArrayList<>());
        Map<FlowVersionAddress, String> failed = Collections.synchronizedMap(new LinkedHashMap<>());
        List<FlowVersionAddress> skipped = Collections.synchronizedList(new ArrayList<>());
        List<PlannedChange> deploys = plan.actionable().stream().filter(c -> c.action() != Action.DELETE).toList();
        List<PlannedChange> deletes = plan.actionable().stream().filter(c -> c.action() == Action.DELETE).toList();
        for (List<PlannedChange> phase : List.of(deploys, deletes)) {
            runPhase(phase, Math.max(1, parallelism), change -> {
                if (interrupted.get()) {
                    skipped.add(change.address());
                    return;
                }
                listener.started(change);
                long start = System.nanoTime();
                try {
                    execute(change, spec, desired, engine);
                    ok.add(change.address());
                    listener.finished(change, Duration.ofNanos(System.nanoTime() - start));
                } catch (RuntimeException e) {
                    String message = e.getMessage() == null ? e.toString() : e.getMessage();
                    failed.put(change.address(), message);
                    listener.failed(change, message);
                }
            });
        }
        return new ApplyResult(ok, failed, skipped, document.serial());
    }

    private void execute(PlannedChange change, Spec spec, DesiredState desired, FlowEngine engine) {
        FlowVersionAddress a = change.address();
        if (change.action() == Action.DELETE) {
            DeployedVersion gone = document.versions().get(a.toString());
            engine.delete(spec.project(), a, gone == null ? null : gone.engineRef());
            record(document.withoutVersion(a.toString(), now()));
            return;
        }
        VersionSpec v = spec.flows().get(a.flow()).versions().get(a.version());
        JsonNode schema = SchemaJson.toJson(v.inputs());
        Deployment d = engine.deploy(new DeploymentRequest(spec.project(), v, desired.resolve(v.source()),
                v.definition() == null ? null : desired.resolve(v.definition()), change.digest(), schema,
                desired.settings(v), change.action() == Action.UPDATE));
        synchronized (this) {
            DeployedVersion previous = document.versions().get(a.toString());
            List<JsonNode> history = new ArrayList<>(previous == null ? List.of() : previous.schemaHistory());
            if (history.isEmpty() || !history.get(history.size() - 1).equals(schema)) history.add(schema);
            record(document.withVersion(new DeployedVersion(a.flow(), a.version(), change.digest().sourceHash(),
                    change.digest().definitionHash(), engine.type(), change.digest().engineSettingsHash(), d.engineRef(),
                    schema, history, now())));
        }
    }

    /** Writes the next state; one write at a time, each conditional on the last. */
    private synchronized void record(StateDocument next) {
        StateDocument written = next.nextSerial(toolVersion);
        try {
            etag = backend.write(written, etag);
        } catch (RuntimeException e) {
            interrupt();
            throw new ApplyException("deployed, but state could not be recorded (" + e.getMessage()
                    + "); stopping. Check the state backend, then run apply again.");
        }
        document = written;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void runPhase(List<PlannedChange> changes, int parallelism, java.util.function.Consumer<PlannedChange> task) {
        if (changes.isEmpty()) return;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, changes.size()), r -> {
            Thread t = new Thread(r, "flowctl-apply");
            t.setDaemon(true);
            return t;
        });
        try {
            for (PlannedChange c : changes) pool.execute(() -> task.accept(c));
        } finally {
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                    // keep waiting: every started action must be recorded
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Releases the lock; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        backend.unlock(lock.id());
    }
}
