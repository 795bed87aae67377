package dev.flowctl.engine.local;

import dev.flowctl.files.AtomicFile;
import dev.flowctl.port.RunState;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The files of one local run, in its own directory, and their formats: small {@code key=value}
 * files (java.util.Properties, each with {@code format=1}) that a person can read with cat and that
 * the {@link RunSupervisor} writes without any library beyond the JDK. Every file has one writer:
 * <ul>
 *   <li>{@code run.properties} — who and what (owner, flow, version, run id, input hash, command, creation time);
 *       written once by the engine before the run exists</li>
 *   <li>{@code input.json} — the canonical input, the command's stdin</li>
 *   <li>{@code status.properties} — state, times, exit code, error, the command's pid; the supervisor replaces it
 *       atomically (the engine writes the first, QUEUED one, and the last one only when the supervisor is gone)</li>
 *   <li>{@code supervisor.properties} — the supervisor's pid and start time, written by the engine that started it</li>
 *   <li>{@code cancel} — present once a cancel was asked</li>
 *   <li>{@code log} — everything the command printed, stdout and stderr</li>
 * </ul>
 */
final class RunFiles {
    static final String RUN = "run.properties";
    static final String INPUT = "input.json";
    static final String STATUS = "status.properties";
    static final String SUPERVISOR = "supervisor.properties";
    static final String CANCEL = "cancel";
    static final String LOG = "log";
    private static final String FORMAT = "1";

    private RunFiles() {
    }

    /** What status.properties says about a run. {@code pid} is the run command's process once started. */
    record Status(RunState state, Instant startedAt, Instant stoppedAt, Integer exitCode, String error, Long pid, Instant pidStartedAt) {
        static Status queued() {
            return new Status(RunState.QUEUED, null, null, null, null, null, null);
        }

        Status ended(RunState end, Integer code, String why) {
            return new Status(end, startedAt, Instant.now(), code, why, pid, pidStartedAt);
        }

        Map<String, String> toMap() {
            Map<String, String> m = new TreeMap<>();
            m.put("state", state.name());
            put(m, "startedAt", startedAt);
            put(m, "stoppedAt", stoppedAt);
            put(m, "exitCode", exitCode);
            put(m, "error", error);
            put(m, "pid", pid);
            put(m, "pidStartedAt", pidStartedAt);
            return m;
        }

        static Status of(Map<String, String> m) {
            return new Status(RunState.valueOf(m.get("state")), instant(m.get("startedAt")), instant(m.get("stoppedAt")),
                    m.containsKey("exitCode") ? Integer.valueOf(m.get("exitCode")) : null, m.get("error"),
                    m.containsKey("pid") ? Long.valueOf(m.get("pid")) : null, instant(m.get("pidStartedAt")));
        }
    }

    static Status readStatus(Path runDir) throws IOException {
        return Status.of(read(runDir.resolve(STATUS)).orElseThrow(() -> new NoSuchFileException(runDir.resolve(STATUS).toString())));
    }

    static void writeStatus(Path runDir, Status status) throws IOException {
        write(runDir.resolve(STATUS), status.toMap());
    }

    /** Writes a properties file all at once (a reader never sees half of one), with its format version. */
    static void write(Path file, Map<String, String> values) throws IOException {
        Properties p = new Properties();
        p.putAll(values);
        p.put("format", FORMAT);
        StringWriter text = new StringWriter();
        p.store(text, null);
        // Properties.store starts with a date comment; a file that changes only when its content does is easier to diff.
        String body = text.toString().lines().filter(l -> !l.startsWith("#")).sorted().reduce("", (a, l) -> a + l + "\n");
        AtomicFile.write(file, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The file's entries, or empty when it does not exist; a file of another format is an IOException. */
    static Optional<Map<String, String>> read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Properties p = new Properties();
        p.load(new StringReader(text));
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new IOException(file + " has format " + p.getProperty("format") + ", not " + FORMAT);
        }
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        m.remove("format");
        return Optional.of(m);
    }

    static void put(Map<String, String> m, String key, Object value) {
        if (value != null) m.put(key, value.toString());
    }

    static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
