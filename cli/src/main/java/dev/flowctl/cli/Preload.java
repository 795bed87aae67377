package dev.flowctl.cli;

import java.util.Set;

/**
 * Gives a command that reads flows.yaml a head start on a second core: Jackson's first ObjectMapper (with the
 * JDK's date-format data its default date format loads) and the SHA-256 provider are initialised while the
 * main thread builds picocli's command model and parses flows.yaml (≈ 35 ms of CPU, bench/startup); for a
 * command that then reads state, the state codec's mapper and readers too, whose deserializers Jackson builds
 * by introspecting the state classes (≈ 110 ms of the main thread's time before a plan could read its state,
 * bench/plan). Class initialisation happens once per JVM, so the main thread waits only when it needs a class
 * first; nothing here has an effect a command could see.
 */
final class Preload {
    /** The commands that read flows.yaml and state, and so use JSON and content hashes. */
    private static final Set<String> COMMANDS = Set.of("validate", "plan", "apply", "drift", "import", "show", "codegen", "catalog");
    /** Of these, the ones that read state after flows.yaml. */
    private static final Set<String> READ_STATE = Set.of("plan", "apply", "drift", "import", "show", "catalog");

    private Preload() {
    }

    static void startFor(String[] args) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) return;
        boolean state = READ_STATE.contains(args[0]);
        Thread thread = new Thread(() -> run(state), "flowctl-preload");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run(boolean state) {
        try {
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
