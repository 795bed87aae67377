package dev.flowctl.apply;

import dev.flowctl.state.StateDocument;
import dev.flowctl.state.StateWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * Persists state after every finished action with at most one write in flight: actions that
 * finish while a write is under way are recorded together by the next write, so a slow backend
 * (S3) never makes actions queue behind it and never sees more writes than actions. An action's
 * {@code onRecorded} runs only once a write holding it has succeeded, so whatever is reported
 * complete is already in state.
 */
final class StateRecorder implements AutoCloseable {
    /** Why recording stopped, and which finished actions it could not record. */
    record Failure(Throwable cause, List<String> unrecorded) {
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
    /** Changed in memory but not yet written, each with what to run once it is. */
    private final Map<String, Runnable> unrecorded = new LinkedHashMap<>();
    private boolean dirty;
    private boolean writing;
    private Throwable failure;
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
     * Applies {@code change} to the state in memory and schedules a write unless one is already in
     * flight; {@code onRecorded} runs on the writer thread once the change is written.
     */
    void record(String address, UnaryOperator<StateDocument> change, Runnable onRecorded) {
        synchronized (this) {
            document = change.apply(document);
            unrecorded.put(address, onRecorded);
            dirty = true;
            if (writing || failure != null) return;
            writing = true;
        }
        writerThread.execute(this::drain);
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
                covered = Set.copyOf(unrecorded.keySet());
                dirty = false;
            }
            List<Runnable> done = new ArrayList<>();
            try {
                String written = writer.write(next, expected);
                synchronized (this) {
                    etag = written;
                    document = document.nextSerial(toolVersion);
                    for (String a : covered) done.add(unrecorded.remove(a));
                    writes++;
                }
            } catch (Throwable e) {
                // An Error too: this thread must never die with `writing` set, or flush() would wait forever.
                synchronized (this) {
                    failure = e;
                    writing = false;
                    notifyAll();
                }
                onFailure.run();
                return;
            }
            for (Runnable r : done) {
                try {
                    r.run();
                } catch (Throwable e) {
                    // a listener that throws must not stop later actions from being reported recorded
                }
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
        return failure == null ? null : new Failure(failure, List.copyOf(unrecorded.keySet()));
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
