package dev.flowctl.apply;

import dev.flowctl.errors.CodedError;
import dev.flowctl.errors.ErrorCode;
import dev.flowctl.json.CanonicalJson;
import dev.flowctl.plan.Action;
import dev.flowctl.plan.ContentHasher;
import dev.flowctl.plan.Plan;
import dev.flowctl.plan.PlannedChange;
import dev.flowctl.port.Deployment;
import dev.flowctl.port.DeploymentRequest;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.Owner;
import dev.flowctl.plan.PlannedDeployment;
import dev.flowctl.plan.SourceFiles;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.state.DeployedVersion;
import dev.flowctl.state.LockInfo;
import dev.flowctl.state.LockWaiter;
import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateDocument;
import dev.flowctl.state.StoredState;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * One locked apply: takes the lock, reads fresh state, executes a plan on the engine (creates
 * and updates first, then deletes, each phase in parallel up to a bound), records state after
 * every finished action (coalesced, one write in flight) so an interrupted apply never loses a
 * deployment, and releases the lock on close.
 */
public final class ApplySession implements AutoCloseable {
    private final StateBackend backend;
    private final LockInfo lock;
    private final String toolVersion;
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private StateDocument document;
    private String etag;
    /** The state as read under the lock; after a restore, writes continue from its {@link StoredState#base}. */
    private StoredState stored;
    private boolean running;
    private boolean closed;
    private int stateWrites;

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
            session.stored = stored;
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

    /** The one-sentence notice when the state read is older than its newest kept version (restored), else null. */
    public String restoredNotice() {
        return stored != null && stored.restored() ? stored.restoredNotice(backend.location()) : null;
    }

    /** Where the state lives, for messages. */
    public String location() {
        return backend.location();
    }

    /** Stops starting new actions; those in flight finish and are recorded. */
    public void interrupt() {
        interrupted.set(true);
    }

    /**
     * For Ctrl-C: stops starting new actions, waits (up to {@code wait}) for those in flight to
     * finish and be recorded, then releases the lock. Safe from any thread, at any stage.
     *
     * @return true when an apply was under way (it has now returned, or {@code wait} ran out)
     */
    public boolean shutdown(Duration wait) {
        interrupt();
        long deadline = System.nanoTime() + wait.toNanos();
        boolean wasRunning;
        synchronized (this) {
            wasRunning = running;
            while (running) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return true; // still running: the apply releases the lock on its own way out
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            }
        }
        close();
        return wasRunning;
    }

    /** State writes made by {@link #apply}. */
    public synchronized int stateWrites() {
        return stateWrites;
    }

    /**
     * Executes the plan's actions as planned: what each deploys comes from the plan, never from
     * flows.yaml again; {@code files} only locates the sources, which must still hash as planned.
     */
    public ApplyResult apply(Plan plan, SourceFiles files, FlowEngine engine, int parallelism, ApplyListener listener) {
        if (plan.blocked()) {
            throw new ApplyException("the plan is blocked by " + plan.violations().size()
                    + " compatibility violation(s) and cannot be applied; publish a new version instead.");
        }
        requireCurrent(plan); // another project's or environment's state is refused when the cli reads it
        requireFilesAsPlanned(plan, files);
        List<FlowVersionAddress> skipped = Collections.synchronizedList(new ArrayList<>());
        synchronized (this) {
            if (closed || interrupted.get()) {
                plan.actionable().forEach(c -> skipped.add(c.address()));
                return new ApplyResult(List.of(), Map.of(), skipped, document == null ? 0 : document.serial());
            }
            running = true;
        }
        // After a restore the first write continues above the newest kept version, so it replaces none of them.
        StateDocument start = document == null ? StateDocument.empty(plan.project(), plan.environment(), toolVersion)
                : stored != null && stored.document() == document ? stored.base() : document;
        Owner owner = new Owner(plan.project(), plan.environment());
        try (StateRecorder recorder = new StateRecorder(backend, start, etag, toolVersion, this::interrupt)) {
            List<FlowVersionAddress> ok = Collections.synchronizedList(new ArrayList<>());
            Map<FlowVersionAddress, String> failed = Collections.synchronizedMap(new LinkedHashMap<>());
            Map<FlowVersionAddress, ErrorCode> codes = new java.util.concurrent.ConcurrentHashMap<>();
            // Moves and forgets change state only; they go first with creates and updates, deletes last.
            List<PlannedChange> deploys = plan.actionable().stream().filter(c -> c.action() != Action.DELETE).toList();
            List<PlannedChange> deletes = plan.actionable().stream().filter(c -> c.action() == Action.DELETE).toList();
            for (List<PlannedChange> phase : List.of(deploys, deletes)) {
                runPhase(phase, Math.max(1, parallelism), change -> {
                    if (interrupted.get()) {
                        skipped.add(change.address());
                        return;
                    }
                    long t0 = System.nanoTime();
                    // Throwable, not Exception: an Error (a StackOverflowError in an engine, a missing class) must
                    // end this action as failed, not vanish with the worker thread and leave the apply "complete".
                    try {
                        listener.started(change);
                        // Reported complete only once recorded: what the user sees finished is in state.
                        execute(change, owner, files, engine, recorder, () -> {
                            ok.add(change.address());
                            listener.finished(change, Duration.ofNanos(System.nanoTime() - t0));
                        });
                    } catch (Throwable e) {
                        String message = e instanceof RuntimeException && e.getMessage() != null ? e.getMessage() : e.toString();
                        failed.put(change.address(), message);
                        codes.put(change.address(), CodedError.of(e, ErrorCode.INTERNAL));
                        try {
                            listener.failed(change, message);
                        } catch (Throwable ignored) {
                            // the failure is recorded in the result, which the caller reports
                        }
                    }
                });
            }
            StateRecorder.Failure failure = recorder.flush();
            if (failure != null) {
                String why = "deployed, but not recorded in state (" + failure.cause().getMessage()
                        + "); check the state backend, then run plan: the engine has it, state does not.";
                for (PlannedChange c : plan.actionable()) {
                    if (!failure.unrecorded().contains(c.address().toString())) continue;
                    failed.put(c.address(), why);
                    codes.put(c.address(), ErrorCode.STATE_UNRECORDED_DEPLOYMENTS);
                    listener.failed(c, why);
                }
            }
            accountForEvery(plan, ok, failed, skipped);
            StateDocument last = recorder.document();
            synchronized (this) {
                stateWrites = recorder.writes();
                if (recorder.writes() > 0) document = last;
            }
            return new ApplyResult(ok, failed, skipped, last.serial(), codes);
        } finally {
            synchronized (this) {
                running = false;
                notifyAll();
            }
        }
    }

    /**
     * Every planned action ends done, failed or not started, so the counts always add up to the plan; one
     * without a result (a bug) is reported failed rather than silently left out of an "Apply complete!".
     */
    private static void accountForEvery(Plan plan, List<FlowVersionAddress> ok, Map<FlowVersionAddress, String> failed,
                                        List<FlowVersionAddress> skipped) {
        for (PlannedChange c : plan.actionable()) {
            FlowVersionAddress a = c.address();
            if (!ok.contains(a) && !failed.containsKey(a) && !skipped.contains(a)) {
                failed.put(a, "ended without a result (neither done nor failed); run plan to see whether it was deployed.");
            }
        }
    }

    /**
     * Refuses a plan made against other state: another lineage (another project's or environment's
     * state) or an older serial (someone applied since).
     */
    public void requireCurrent(Plan plan) {
        String lineage = document == null ? null : document.lineage();
        if (plan.lineage() != null && lineage != null && !plan.lineage().equals(lineage)) {
            throw new ApplyException(ErrorCode.PLAN_OTHER_STATE, "this plan was made against state lineage " + plan.lineage() + ", but " + backend.location()
                    + " holds lineage " + lineage + ": that state belongs to another project or environment; run plan against this state.");
        }
        long serial = document == null ? 0 : document.serial();
        if (plan.serial() != serial || (plan.lineage() == null) != (lineage == null)) {
            throw new ApplyException(ErrorCode.PLAN_STALE, "state changed since this plan was made: serial " + plan.serial() + " → " + serial
                    + "; run plan again.");
        }
    }

    private void execute(PlannedChange change, Owner owner, SourceFiles files, FlowEngine engine, StateRecorder recorder,
                         Runnable onRecorded) {
        FlowVersionAddress a = change.address();
        if (change.action() == Action.DELETE) {
            DeployedVersion gone = recorder.document().versions().get(a.toString());
            engine.delete(owner, gone == null ? a : FlowVersionAddress.parse(gone.engineAddress()), gone == null ? null : gone.engineRef());
            recorder.record(a.toString(), doc -> doc.withoutVersion(a.toString(), now()), onRecorded);
            return;
        }
        if (change.action() == Action.FORGET) {
            // State only: the engine keeps running it, and its name is not retired.
            recorder.record(a.toString(), doc -> doc.withForgotten(a.toString()), onRecorded);
            return;
        }
        if (change.stateOnly()) {
            // protect: or deprecated: changed and nothing else: the deployment stays, state records the new guards.
            recorder.record(a.toString(), doc -> {
                DeployedVersion current = doc.versions().get(a.toString());
                if (current == null) throw new ApplyException("state no longer records " + a + "; run plan again.");
                return doc.withVersion(current.withGuards(change.guards().protect(), change.guards().deprecated()));
            }, onRecorded);
            return;
        }
        FlowVersionAddress from = change.action() == Action.MOVE ? change.movedFrom() : null;
        if (from == null && change.action() == Action.MOVE) {
            throw new ApplyException("the plan does not say where " + a + " moves from; run plan again.");
        }
        UnaryOperator<StateDocument> rename = from == null ? doc -> doc : doc -> doc.withMoved(from.toString(), a.flow(), a.version());
        PlannedDeployment planned = change.deployment();
        if (planned == null && change.action() == Action.MOVE) {
            // A rename alone: the engine deployment keeps its reference, its tags and its runs; the guards it
            // has under its new name (protect:, deprecated:) are recorded with it.
            recorder.record(a.toString(), doc -> {
                StateDocument renamed = rename.apply(doc);
                DeployedVersion moved = renamed.versions().get(a.toString());
                return moved == null ? renamed : renamed.withVersion(moved.withGuards(change.guards().protect(), change.guards().deprecated()));
            }, onRecorded);
            return;
        }
        if (planned == null) {
            throw new ApplyException("the plan does not say what to deploy for " + a + "; run plan again.");
        }
        // Right before the deploy: an edit made since the plan (or the prompt) would otherwise go out under the planned hash.
        List<String> changed = changedFiles(change, files, new ContentHasher(files.root()));
        if (!changed.isEmpty()) {
            throw new ApplyException(ErrorCode.PLAN_SOURCES_CHANGED, String.join(" and ", changed) + " of " + a
                    + " changed since the plan was made; run plan again.");
        }
        // The engine knows a moved version by the name it was deployed under: update that deployment, never make one.
        DeployedVersion recorded = recorder.document().versions().get((from == null ? a : from).toString());
        FlowVersionAddress engineAddress = recorded == null ? a : FlowVersionAddress.parse(recorded.engineAddress());
        Deployment d = engine.deploy(DeploymentRequest.of(owner, engineAddress, change.digest(), planned, files,
                change.action() != Action.CREATE, recorded == null ? null : recorded.engineRef()));
        CanonicalJson schema = planned.schema();
        Instant at = now();
        recorder.record(a.toString(), doc -> {
            StateDocument renamed = rename.apply(doc);
            DeployedVersion previous = renamed.versions().get(a.toString());
            List<CanonicalJson> history = new ArrayList<>(previous == null ? List.of() : previous.schemaHistory());
            if (previous != null && !previous.schema().equals(schema)) history.add(previous.schema());
            return renamed.withVersion(new DeployedVersion(a.flow(), a.version(), change.digest().sourceHash(),
                    change.digest().definitionHash(), engine.type(), change.digest().engineSettingsHash(), d.engineRef(),
                    schema, history, at, engineAddress.toString(), change.guards().protect(), change.guards().deprecated()));
        }, onRecorded);
    }

    /**
     * Refuses, before anything is deployed, a plan whose files changed since it was made, naming each
     * changed file and the versions that deploy it. Each action checks its files again right before it runs.
     */
    public static void requireFilesAsPlanned(Plan plan, SourceFiles files) {
        Map<String, List<String>> changed = new java.util.TreeMap<>();
        ContentHasher hasher = new ContentHasher(files.root());
        for (PlannedChange c : plan.actionable()) {
            if (c.action() == Action.DELETE) continue;
            for (String file : changedFiles(c, files, hasher)) changed.computeIfAbsent(file, k -> new ArrayList<>()).add(c.address().toString());
        }
        if (changed.isEmpty()) return;
        List<String> each = new ArrayList<>();
        changed.forEach((file, versions) -> each.add(file + " of " + String.join(", ", versions)));
        throw new ApplyException(ErrorCode.PLAN_SOURCES_CHANGED, String.join("; ", each) + " changed"
                + " since the plan was made; nothing was applied; run plan again.");
    }

    /** The files of {@code change} that no longer hash as planned, e.g. "the source flows/a.py". */
    private static List<String> changedFiles(PlannedChange change, SourceFiles files, ContentHasher hasher) {
        PlannedDeployment planned = change.deployment();
        if (planned == null) return List.of();
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(hashOrNull(hasher, files.resolve(planned.source())), change.digest().sourceHash())) {
            changed.add("the source " + planned.source());
        }
        if (planned.definition() != null
                && !Objects.equals(hashOrNull(hasher, files.resolve(planned.definition())), change.digest().definitionHash())) {
            changed.add("the definition " + planned.definition());
        }
        return changed;
    }

    /** A file that cannot be read (deleted, a link that now leaves the repository) has changed. */
    private static String hashOrNull(ContentHasher hasher, Path path) {
        try {
            return hasher.of(path);
        } catch (UncheckedIOException e) {
            return null;
        }
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
            boolean interruptedWhileWaiting = false;
            while (true) {
                try {
                    if (pool.awaitTermination(1, TimeUnit.HOURS)) break;
                } catch (InterruptedException e) {
                    // keep waiting: every started action must finish and be recorded
                    interruptedWhileWaiting = true;
                }
            }
            if (interruptedWhileWaiting) Thread.currentThread().interrupt();
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
