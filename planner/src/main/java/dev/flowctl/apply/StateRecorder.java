package dev.flowctl.apply;

import dev.flowctl.state.StateDocument;
import dev.flowctl.state.StateWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * Persists state after every finished action with at most one write in flight: actions that
 * finish while a write is under way are recorded together by the next write, so a slow backend
 * (S3) sees far fewer writes than actions, and each action waits only for the write that holds it.
 */
final class StateRecorder implements AutoCloseable {
    /** Why recording stopped, and which finished actions it could not record. */
    record Failure(RuntimeException cause, List<String> unrecorded) {
    }

    private final StateWriter writer;
    private final String toolVersion;
    private final Runnable onFailure;
    private final ExecutorService writerThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "flowctl-state-writer");
        t.setDaemon(true);
        return t;
    });
    /** The latest state in memory; its serial is that of the last successful write. */
    private StateDocument document;
    private String etag;
    private final Set<String> unrecorded = new LinkedHashSet<>();
    private boolean dirty;
    private boolean writing;
    private RuntimeException failure;
    private int writes;

    StateRecorder(StateWriter writer, StateDocument document, String etag, String toolVersion, Runnable onFailure) {
        this.writer = writer;
        this.document = document;
        this.etag = etag;
        this.toolVersion = toolVersion;
        this.onFailure = onFailure;
    }

    synchronized StateDocument document() {
        return document;
    }

    /**
     * Applies {@code change} to the state in memory, schedules a write unless one is already in
     * flight, and returns once a write that includes the change has landed: an action is reported
     * finished only when state holds it, so even kill -9 right after loses nothing reported.
     *
     * @throws ApplyException when state could not be written (the action is deployed, not recorded)
     */
    void record(String address, UnaryOperator<StateDocument> change) {
        synchronized (this) {
            document = change.apply(document);
            unrecorded.add(address);
            dirty = true;
            if (!writing && failure == null) {
                writing = true;
                writerThread.execute(this::drain);
            }
            boolean interrupted = false;
            while (unrecorded.contains(address) && failure == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the write is under way: wait for it, then restore the flag
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            if (failure != null && unrecorded.contains(address)) {
                throw new ApplyException("deployed, but not recorded in state (" + failure.getMessage() + ")");
            }
        }
    }

    private void drain() {
        while (true) {
            StateDocument next;
            String expected;
            Set<String> covered;
            synchronized (this) {
                if (!dirty) {
                    writing = false;
                    notifyAll();
                    return;
                }
                next = document.nextSerial(toolVersion);
                expected = etag;
                covered = Set.copyOf(unrecorded);
                dirty = false;
            }
            try {
                String written = writer.write(next, expected);
                synchronized (this) {
                    etag = written;
                    document = document.nextSerial(toolVersion);
                    unrecorded.removeAll(covered);
                    writes++;
                    notifyAll();
                }
            } catch (RuntimeException e) {
                synchronized (this) {
                    failure = e;
                    writing = false;
                    notifyAll();
                }
                onFailure.run();
                return;
            }
        }
    }

    /** Waits for the write in flight (and the one it may trigger); returns what could not be recorded, if anything. */
    synchronized Failure flush() {
        boolean interrupted = false;
        while (writing) {
            try {
                wait();
            } catch (InterruptedException e) {
                // Every finished action must be recorded before the lock goes: keep waiting, then restore the flag.
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return failure == null ? null : new Failure(failure, List.copyOf(unrecorded));
    }

    /** Number of state writes made so far. */
    synchronized int writes() {
        return writes;
    }

    @Override
    public void close() {
        writerThread.shutdown();
    }
}
