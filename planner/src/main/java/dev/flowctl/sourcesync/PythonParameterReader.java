package dev.flowctl.sourcesync;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads the Parameters of Python flow files with flowctl's own reader script (a resource, parsed by
 * python3's {@code ast}, never run): {@code python3 -I -S -c <script>}, an argument vector and no
 * shell, isolated from the environment, the files on stdin, with a timeout and a cap on what it may
 * print. Nothing from flows.yaml or the repository becomes part of the command line. A command may
 * start it before it knows the files ({@link #prestart}).
 */
final class PythonParameterReader {
    /** The largest flow file read: far above hand-written flow code. */
    static final long MAX_FILE_BYTES = 1024 * 1024;
    private static final long MAX_BATCH_BYTES = 8L * 1024 * 1024;
    private static final long MAX_OUTPUT_BYTES = 64L * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SCRIPT = script();
    /** Built while python3 runs rather than before it starts: plan waits for this check (bench/startup). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();

        static {
            MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
        }
    }

    /** The interpreter could not read the files; the check is skipped with this as a warning. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private final Path python;

    private PythonParameterReader(Path python) {
        this.python = python;
    }

    /**
     * The reader with the first {@code python3} on {@code path} (a PATH value), if any. Relative
     * entries are skipped: a repository must not be able to put its own python3 in front.
     */
    static Optional<PythonParameterReader> onPath(String path) {
        if (path == null) return Optional.empty();
        for (String dir : path.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
            if (dir.isEmpty()) continue;
            try {
                Path candidate = Path.of(dir, "python3");
                if (candidate.isAbsolute() && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(new PythonParameterReader(candidate));
                }
            } catch (java.nio.file.InvalidPathException e) {
                // not a directory name: skip it as a shell would
            }
        }
        return Optional.empty();
    }

    Path python() {
        return python;
    }

    /** One result per file, in order; each file is at most {@link #MAX_FILE_BYTES}. */
    List<FlowFile> read(List<byte[]> files) throws Unavailable {
        List<FlowFile> results = new ArrayList<>();
        List<byte[]> batch = new ArrayList<>();
        long bytes = 0;
        for (byte[] file : files) {
            if (!batch.isEmpty() && bytes + file.length > MAX_BATCH_BYTES) {
                results.addAll(readBatch(batch));
                batch.clear();
                bytes = 0;
            }
            batch.add(file);
            bytes += file.length;
        }
        if (!batch.isEmpty()) results.addAll(readBatch(batch));
        return results;
    }

    /** python3 running the reader script in its own temporary directory, waiting for the files on stdin. */
    private record Started(Path python, Process process, Path dir) {
        void stop() {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            deleteTree(dir);
        }
    }

    private static final java.util.concurrent.atomic.AtomicReference<Started> PRESTARTED = new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * Starts the first python3 on {@code path} with the reader script now, for a command that checks
     * flow sources once flows.yaml is parsed: the interpreter's start (~70 ms) then overlaps the
     * command's own start instead of delaying its answer (bench/startup). It waits for its input and
     * reads nothing else; the next batch read with the same python3 hands it the files, and
     * {@link #discardPrestarted()} ends it if none does.
     */
    static void prestart(String path) {
        Optional<PythonParameterReader> reader = onPath(path);
        if (reader.isEmpty()) return;
        try {
            Started started = reader.get().start();
            if (!PRESTARTED.compareAndSet(null, started)) started.stop();
        } catch (IOException e) {
            // the batch read starts its own and reports what fails
        }
    }

    /** The python3 {@link #prestart}ed and not used yet, with its directory. */
    static Optional<Map.Entry<Process, Path>> prestarted() {
        Started started = PRESTARTED.get();
        return started == null ? Optional.empty() : Optional.of(Map.entry(started.process(), started.dir()));
    }

    /** Ends a python3 {@link #prestart}ed and not used. */
    static void discardPrestarted() {
        Started started = PRESTARTED.getAndSet(null);
        if (started != null) started.stop();
    }

    private Started start() throws IOException {
        Path dir = Files.createTempDirectory("flowctl-params");
        ProcessBuilder pb = new ProcessBuilder(List.of(python.toString(), "-I", "-S", "-c", SCRIPT))
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(dir.resolve("out.json").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        pb.environment().clear();
        try {
            return new Started(python, pb.start(), dir);
        } catch (IOException e) {
            deleteTree(dir);
            throw e;
        }
    }

    private List<FlowFile> readBatch(List<byte[]> files) throws Unavailable {
        // A JSON array of base64 strings, written directly: base64 needs no escaping inside JSON quotes.
        StringBuilder input = new StringBuilder("[");
        Base64.Encoder base64 = Base64.getEncoder();
        for (byte[] f : files) input.append(input.length() > 1 ? ",\"" : "\"").append(base64.encodeToString(f)).append('"');
        input.append(']');
        Started started = PRESTARTED.getAndSet(null);
        if (started != null && (!started.python().equals(python) || !started.process().isAlive())) {
            started.stop();
            started = null;
        }
        try {
            if (started == null) started = start();
            Process p = started.process();
            try (var stdin = p.getOutputStream()) {
                stdin.write(input.toString().getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // python3 stopped reading: its exit code and last words say why
            }
            Path out = started.dir().resolve("out.json");
            ObjectMapper json = Json.MAPPER;
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Unavailable(python + " took longer than " + TIMEOUT.toSeconds() + "s to read the flow sources and was stopped");
            }
            if (Files.size(out) > MAX_OUTPUT_BYTES) throw new Unavailable(python + " printed more than 64 MiB reading the flow sources");
            if (p.exitValue() != 0) {
                throw new Unavailable(python + " could not read the flow sources (exit code " + p.exitValue() + lastLine(started.dir().resolve("err.txt")) + ")");
            }
            JsonNode results = json.readTree(out.toFile());
            if (results == null || !results.isArray() || results.size() != files.size()) {
                throw new Unavailable(python + " printed something other than one result per flow source");
            }
            List<FlowFile> parsed = new ArrayList<>();
            results.forEach(r -> parsed.add(flowFile(r)));
            return parsed;
        } catch (IOException e) {
            throw new Unavailable("running " + python + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while " + python + " read the flow sources");
        } finally {
            if (started != null) started.stop();
        }
    }

    private static String lastLine(Path err) throws IOException {
        byte[] bytes;
        try (InputStream s = Files.newInputStream(err)) {
            bytes = s.readNBytes(64 * 1024);
        }
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).strip().lines().toList();
        if (lines.isEmpty()) return "";
        String last = lines.get(lines.size() - 1);
        return ": " + (last.length() > 200 ? last.substring(0, 200) + "…" : last);
    }

    private static FlowFile flowFile(JsonNode r) {
        if (r.hasNonNull("error")) return FlowFile.failed(r.path("error").asText(), r.path("line").asInt(0));
        JsonNode flow = r.path("flow");
        List<String> flows = new ArrayList<>();
        r.path("flows").forEach(n -> flows.add(n.asText()));
        List<String> open = new ArrayList<>();
        r.path("openBases").forEach(n -> open.add(n.asText()));
        List<MetaflowParameter> params = new ArrayList<>();
        r.path("parameters").forEach(n -> params.add(parameter(n)));
        return new FlowFile(r.path("metaflow").asBoolean(false), null, 0, flow.isObject() ? flow.path("name").asText() : null,
                flow.path("line").asInt(0), flow.path("col").asInt(0), flows, open, params);
    }

    private static MetaflowParameter parameter(JsonNode n) {
        JsonNode d = n.path("default");
        MetaflowParameter.Default.Kind kind = switch (d.path("kind").asText()) {
            case "literal" -> MetaflowParameter.Default.Kind.LITERAL;
            case "unknown" -> MetaflowParameter.Default.Kind.UNKNOWN;
            default -> MetaflowParameter.Default.Kind.NONE;
        };
        MetaflowParameter.TypeOrigin origin = switch (n.path("typeFrom").asText()) {
            case "type" -> MetaflowParameter.TypeOrigin.TYPE_ARGUMENT;
            case "default" -> MetaflowParameter.TypeOrigin.DEFAULT;
            default -> MetaflowParameter.TypeOrigin.NONE;
        };
        return new MetaflowParameter(n.hasNonNull("name") ? n.path("name").asText() : null, n.path("nameText").asText(),
                n.path("line").asInt(0), n.path("col").asInt(0),
                n.path("required").isBoolean() ? n.path("required").asBoolean() : null,
                new MetaflowParameter.Default(kind, d.get("value"), d.path("text").asText("")),
                MetaflowType.fromScript(n.path("type").asText()), origin, n.path("typeText").asText(""),
                n.hasNonNull("help") ? n.path("help").asText() : null);
    }

    private static String script() {
        try (InputStream in = resource("metaflow_parameters.py")) {
            if (in == null) throw new IllegalStateException("metaflow_parameters.py is missing from the flowctl jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A resource beside this class, read from this class's own jar: the class loader's lookup opens
     * every jar before it on the 80-jar class path first (~40 ms, before python3 could start).
     */
    private static InputStream resource(String name) throws IOException {
        try {
            java.security.CodeSource code = PythonParameterReader.class.getProtectionDomain().getCodeSource();
            String location = code == null ? "" : code.getLocation().toString();
            String path = PythonParameterReader.class.getPackageName().replace('.', '/') + "/" + name;
            if (location.endsWith(".jar")) return new java.net.URL("jar:" + location + "!/" + path).openStream();
        } catch (IOException | RuntimeException e) {
            // looked up as any resource below
        }
        return PythonParameterReader.class.getResourceAsStream(name);
    }

    private static void deleteTree(Path dir) {
        if (dir == null) return;
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }
}
