package dev.flowctl.cli;

import java.util.Set;

/**
 * Gives a command that reads flows.yaml a head start on a second core: Jackson's first ObjectMapper (with the
 * JDK's date-format data its default date format loads) and the SHA-256 provider are initialised while the
 * main thread builds picocli's command model and parses flows.yaml (≈ 35 ms of CPU, bench/startup); for a
 * command that then reads state, the state codec's mapper and readers too, whose deserializers Jackson builds
 * by introspecting the state classes (≈ 110 ms of the main thread's time before a plan could read its state,
 * bench/plan); for a command that compares flow sources with flows.yaml, python3 is started with its reader
 * script, waiting for the files (its start, ~70 ms, was most of what the example plan waited for at its end).
 * Class initialisation happens once per JVM, so the main thread waits only when it needs a class first; nothing
 * here has an effect a command could see, and Main ends an unused python3 when the command is done.
 */
final class Preload {
    /** The commands that read flows.yaml and state, and so use JSON and content hashes. */
    private static final Set<String> COMMANDS = Set.of("validate", "plan", "apply", "drift", "import", "show", "codegen", "catalog");
    /** Of these, the ones that compare flow sources with flows.yaml (python3 reads their Parameters). */
    private static final Set<String> CHECK_SOURCES = Set.of("validate", "plan", "apply", "drift", "import");
    /** Of these, the ones that read state after flows.yaml. */
    private static final Set<String> READ_STATE = Set.of("plan", "apply", "drift", "import", "show", "catalog");

    private final boolean state;
    private final boolean sources;
    /** Completes once python3 is started (or could not be): only then can {@link #close()} end it. */
    private final java.util.concurrent.CompletableFuture<Void> pythonStarted = new java.util.concurrent.CompletableFuture<>();

    private Preload(boolean state, boolean sources) {
        this.state = state;
        this.sources = sources;
    }

    /** The head start for the command {@code args} name, or null when it needs none; the caller closes it when done. */
    static Preload startFor(String[] args) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) return null;
        Preload preload = new Preload(READ_STATE.contains(args[0]), CHECK_SOURCES.contains(args[0]));
        Thread thread = new Thread(preload::run, "flowctl-preload");
        thread.setDaemon(true);
        thread.start();
        return preload;
    }

    /** When the command is done: ends the python3 started for it if no check used it, once it has started. */
    void close() {
        if (!sources) return;
        pythonStarted.join();
        dev.flowctl.sourcesync.FlowSourceSync.discardPrestarted();
    }

    private void run() {
        try {
            if (sources) {
                try {
                    dev.flowctl.sourcesync.FlowSourceSync.prestart();
                } finally {
                    pythonStarted.complete(null);
                }
            }
            if (state) {
                Class.forName(dev.flowctl.state.StateCodec.class.getName(), true, Preload.class.getClassLoader());
            } else {
                new com.fasterxml.jackson.databind.ObjectMapper();
            }
            java.security.MessageDigest.getInstance("SHA-256");
        } catch (Exception | LinkageError e) {
            // only a head start: the command does the same work itself and reports what fails
        }
    }
}
