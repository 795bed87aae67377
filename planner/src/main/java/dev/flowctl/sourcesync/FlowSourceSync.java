package dev.flowctl.sourcesync;

import dev.flowctl.errors.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.InputSpec;
import dev.flowctl.spec.SourceTree;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecProblem;
import dev.flowctl.spec.TypeRef;
import dev.flowctl.spec.VersionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps a Metaflow flow's source and flows.yaml in sync: the {@code metaflow.Parameter}s of each version's
 * flow class are compared with the version's inputs — missing, extra, required-ness, type and default —
 * and each difference is a problem at the input's line in flows.yaml that names the Parameter's line in
 * the source. A version is checked when its source is a {@code .py} file, or a directory holding one
 * {@code .py} flow file, that imports metaflow and declares a FlowSpec subclass, whatever the engine;
 * {@code sourceCheck: false} on the flow or version turns it off. The source is parsed, never run.
 */
public final class FlowSourceSync {
    /** Built on first use, after python3 has started: plan waits for this check (bench/startup). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static final byte[] METAFLOW = "metaflow".getBytes(StandardCharsets.US_ASCII);

    /**
     * What the check found.
     *
     * @param problems each difference, at its flows.yaml position; any makes validate and plan fail
     * @param warnings sources that were not compared, and why (no python3, unreadable source…)
     */
    public record Result(List<SpecProblem> problems, List<String> warnings) {
        public Result {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }
    }

    /** One Python file of a version's source: how flows.yaml names it and where it really is. */
    private record SourceFile(String shown, Path realPath) {
    }

    private final Spec spec;
    private final String file;
    private final List<SpecProblem> problems = new ArrayList<>();
    private final Set<String> warnings = new LinkedHashSet<>();

    private FlowSourceSync(Spec spec) {
        this.spec = spec;
        this.file = spec.file().toString();
    }

    /** Checks every version of {@code spec}, with the first python3 on this process's PATH. */
    public static Result check(Spec spec) {
        return check(spec, System.getenv("PATH"));
    }

    /**
     * A check running on a thread of its own, so that python3 reads the flow sources while the caller reads
     * state and plans (≈ 0.2 s of a small plan's wall time, bench/startup). Nothing may act on the spec
     * before {@link #await()} returned without problems.
     */
    public static final class Running {
        private final java.util.concurrent.FutureTask<Result> task;

        private Running(java.util.concurrent.FutureTask<Result> task) {
            this.task = task;
        }

        /** The check's result, once python3 answered; an interrupted wait skips the check with a warning, as python3's own interruption does. */
        public Result await() {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                task.cancel(true);
                return new Result(List.of(), List.of("interrupted while python3 read the flow sources, so their Parameters were not compared with flows.yaml."));
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /**
     * Starts python3 (from PATH) for the check before flows.yaml is even read, so that its start
     * overlaps the command's own; {@link #discardPrestarted()} ends it when no check used it.
     */
    public static void prestart() {
        PythonParameterReader.prestart(System.getenv("PATH"));
    }

    /** Ends a python3 {@link #prestart()}ed that no check used; call once the command is done. */
    public static void discardPrestarted() {
        PythonParameterReader.discardPrestarted();
    }

    /** Starts {@link #check(Spec, java.util.function.Predicate)} beside the caller; see {@link Running}. */
    public static Running start(Spec spec, java.util.function.Predicate<FlowVersionAddress> selected) {
        String path = System.getenv("PATH");
        java.util.concurrent.FutureTask<Result> task = new java.util.concurrent.FutureTask<>(() -> check(spec, path, selected));
        Thread thread = new Thread(task, "flowctl-source-check");
        thread.setDaemon(true);
        thread.start();
        return new Running(task);
    }

    /** Checks every version of {@code spec}, with the first python3 on {@code path} (a PATH value). */
    public static Result check(Spec spec, String path) {
        return check(spec, path, v -> true);
    }

    /** Checks the versions {@code selected} accepts (a --target'ed command leaves the others' sources unread). */
    public static Result check(Spec spec, java.util.function.Predicate<FlowVersionAddress> selected) {
        return check(spec, System.getenv("PATH"), selected);
    }

    private static Result check(Spec spec, String path, java.util.function.Predicate<FlowVersionAddress> selected) {
        FlowSourceSync sync = new FlowSourceSync(spec);
        sync.run(path, selected);
        return new Result(sync.problems, List.copyOf(sync.warnings));
    }

    private void run(String path, java.util.function.Predicate<FlowVersionAddress> selected) {
        Map<FlowVersionAddress, List<SourceFile>> byVersion = new LinkedHashMap<>();
        Map<Path, byte[]> contents = new LinkedHashMap<>();
        for (VersionSpec v : spec.versions()) {
            if (!v.sourceCheck() || v.source() == null || !selected.test(v.address())) continue;
            List<SourceFile> files = pythonFiles(v, contents);
            if (!files.isEmpty()) byVersion.put(v.address(), files);
        }
        if (contents.isEmpty()) return;
        Optional<PythonParameterReader> reader = PythonParameterReader.onPath(path);
        if (reader.isEmpty()) {
            warnings.add("python3 is not on PATH, so the Parameters of " + count(contents.size(), "Metaflow flow source")
                    + " were not compared with flows.yaml; install python3 to check them.");
            return;
        }
        Map<Path, FlowFile> read = new LinkedHashMap<>();
        try {
            List<Path> paths = new ArrayList<>(contents.keySet());
            List<FlowFile> results = reader.get().read(new ArrayList<>(contents.values()));
            for (int i = 0; i < paths.size(); i++) read.put(paths.get(i), results.get(i));
        } catch (PythonParameterReader.Unavailable e) {
            warnings.add(e.getMessage() + ", so the Parameters of the Metaflow flow sources were not compared with flows.yaml.");
            return;
        }
        for (VersionSpec v : spec.versions()) {
            List<SourceFile> files = byVersion.get(v.address());
            if (files != null) check(v, files, read);
        }
    }

    /** The .py files of a version's source that mention metaflow, read once per real path into {@code contents}. */
    private List<SourceFile> pythonFiles(VersionSpec v, Map<Path, byte[]> contents) {
        List<SourceFile> out = new ArrayList<>();
        List<SourceTree.Entry> entries;
        try {
            Path resolved = spec.baseDir().resolve(v.source()).normalize();
            entries = SourceTree.files(spec.root().toRealPath(), resolved, v.source(), true);
        } catch (IOException | RuntimeException e) {
            return out; // the parser reported this path already; nothing to compare
        }
        for (SourceTree.Entry e : entries) {
            String shown = e.relative().isEmpty() ? v.source() : strip(v.source()) + "/" + e.relative();
            if (!shown.endsWith(".py")) continue;
            if (contents.containsKey(e.realPath())) {
                out.add(new SourceFile(shown, e.realPath()));
                continue;
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(e.realPath())) {
                bytes = in.readNBytes((int) PythonParameterReader.MAX_FILE_BYTES + 1);
            } catch (IOException ex) {
                warnings.add(shown + " cannot be read (" + ex.getMessage() + "), so its Parameters were not compared with flows.yaml.");
                continue;
            }
            if (!contains(bytes, METAFLOW)) continue;
            if (bytes.length > PythonParameterReader.MAX_FILE_BYTES) {
                warnings.add(shown + " is larger than 1 MiB, so its Parameters were not compared with flows.yaml.");
                continue;
            }
            contents.put(e.realPath(), bytes);
            out.add(new SourceFile(shown, e.realPath()));
        }
        return out;
    }

    private void check(VersionSpec v, List<SourceFile> files, Map<Path, FlowFile> read) {
        List<SourceFile> flowFiles = new ArrayList<>();
        for (SourceFile f : files) {
            FlowFile r = read.get(f.realPath());
            if (r.error() != null) {
                warnings.add(f.shown() + (r.errorLine() > 0 ? ":" + r.errorLine() : "") + " cannot be read as Python by "
                        + "python3 (" + r.error() + "), so the Parameters of " + v.address() + " were not compared with flows.yaml.");
            } else if (r.flowClasses().size() > 1) {
                warnings.add(f.shown() + " declares " + r.flowClasses().size() + " flow classes (" + String.join(", ", r.flowClasses())
                        + "), so the Parameters of " + v.address() + " were not compared with flows.yaml; keep one flow per file.");
            } else if (r.flowClass() != null) {
                flowFiles.add(f);
            }
        }
        if (flowFiles.size() > 1) {
            warnings.add(v.address() + "'s source " + v.source() + " holds " + flowFiles.size() + " flow files ("
                    + String.join(", ", flowFiles.stream().map(SourceFile::shown).toList()) + "), so their Parameters were not compared"
                    + " with flows.yaml; point source: at the flow file.");
            return;
        }
        if (flowFiles.size() == 1) compare(v, flowFiles.get(0).shown(), read.get(flowFiles.get(0).realPath()));
    }

    private void compare(VersionSpec v, String shown, FlowFile flow) {
        FlowVersionAddress a = v.address();
        Map<String, MetaflowParameter> params = new LinkedHashMap<>();
        for (MetaflowParameter p : flow.parameters()) {
            if (p.name() == null) {
                warnings.add(shown + ":" + p.line() + " declares a Parameter named " + p.nameText()
                        + ", not a string literal, so flowctl cannot compare it with the inputs of " + a + ".");
            } else {
                params.put(p.name(), p);
            }
        }
        for (InputSpec input : v.inputs()) {
            MetaflowParameter p = params.get(input.name());
            if (p != null) {
                compare(a, input, p, at(shown, p.line(), p.column()));
            } else if (flow.openBases().isEmpty()) {
                problems.add(spec.positions().atInput(file, a, input.name(), ErrorCode.SOURCE_PARAMETERS_MISMATCH, a + " input '" + input.name() + "' has no Parameter in"
                        + " its flow source: add " + input.name() + " = Parameter(\"" + input.name() + "\", …) to class "
                        + flow.flowClass() + " at " + at(shown, flow.flowLine(), flow.flowColumn()) + ", or remove the input."));
            }
        }
        Set<String> inputs = new LinkedHashSet<>(v.inputs().stream().map(InputSpec::name).toList());
        params.values().stream().filter(p -> !inputs.contains(p.name())).forEach(p -> problems.add(spec.positions().atInputs(file, a, ErrorCode.SOURCE_PARAMETERS_MISMATCH,
                a + " has no input '" + p.name() + "', but its flow source declares Parameter '" + p.name() + "' at "
                        + at(shown, p.line(), p.column()) + "; add the input to flows.yaml, or remove the Parameter.")));
    }

    private void compare(FlowVersionAddress a, InputSpec input, MetaflowParameter p, String where) {
        String subject = a + " input '" + input.name() + "' ";
        String parameter = "Parameter '" + p.name() + "' at " + where;
        if (p.required() != null && p.required() != input.required()) {
            problems.add(problem(a, input, input.required()
                    ? subject + "is required, but " + parameter + " is not; add required=True to the Parameter, or make the input optional."
                    : subject + "is optional, but " + parameter + " has required=True; make both required or both optional."));
        }
        MetaflowType expected = MetaflowType.of(input.type());
        if (p.type() != MetaflowType.OTHER && p.type() != MetaflowType.UNKNOWN && p.type() != expected) {
            String display = input.type().display();
            problems.add(problem(a, input, subject + "is " + display + (display.equals(expected.python) ? "" : " (" + expected.python + " in Metaflow)") + ", but "
                    + parameter + " is " + p.type().python + " (" + origin(p) + "); set type=" + expected.python
                    + " on the Parameter, or change the input's type."));
            return;
        }
        if (input.required() || Boolean.TRUE.equals(p.required()) || p.defaultValue().kind() == MetaflowParameter.Default.Kind.UNKNOWN) return;
        boolean sourceHas = p.defaultValue().present();
        if (!input.hasDefault() && !sourceHas) return;
        if (!input.hasDefault()) {
            problems.add(problem(a, input, subject + "has no default, but " + parameter + " defaults to " + p.defaultValue().text()
                    + "; add the default to the input, or remove it from the Parameter."));
        } else if (!sourceHas) {
            problems.add(problem(a, input, subject + "defaults to " + shown(input.defaultValue()) + ", but " + parameter
                    + " has no default; give the Parameter default=" + python(input.defaultValue(), expected) + ", or remove the input's default."));
        } else {
            JsonNode source = coerce(p.defaultValue().value(), expected, input.type());
            JsonNode yaml = Json.MAPPER.valueToTree(input.defaultValue());
            if (source == null || !yaml.equals(FlowSourceSync::compareValues, source)) {
                problems.add(problem(a, input, subject + "defaults to " + shown(input.defaultValue()) + ", but " + parameter
                        + " defaults to " + p.defaultValue().text() + "; make the two defaults equal."));
            }
        }
    }

    private SpecProblem problem(FlowVersionAddress a, InputSpec input, String message) {
        return spec.positions().atInput(file, a, input.name(), ErrorCode.SOURCE_PARAMETERS_MISMATCH, message);
    }

    private static String origin(MetaflowParameter p) {
        return switch (p.typeOrigin()) {
            case TYPE_ARGUMENT -> "type=" + p.typeText();
            case DEFAULT -> "inferred from its default " + p.defaultValue().text();
            case NONE -> "it has no type= and no default";
        };
    }

    /**
     * A Parameter's literal default as the flows.yaml default of an input of {@code type} would be
     * written, after the conversion Metaflow applies (a JSONType default is JSON text), or null when
     * it cannot be read as that type.
     */
    static JsonNode coerce(JsonNode value, MetaflowType expected, TypeRef type) {
        if (value == null) return null;
        try {
            return switch (expected) {
                case STR -> {
                    if (!value.isTextual()) yield null;
                    TypeRef base = type instanceof TypeRef.CustomType c ? c.base() : type;
                    if (base == TypeRef.Primitive.DATE) yield TextNode.valueOf(java.time.LocalDate.parse(value.asText()).toString());
                    if (base == TypeRef.Primitive.TIMESTAMP) yield TextNode.valueOf(java.time.OffsetDateTime.parse(value.asText()).toString());
                    yield value;
                }
                case INT -> value.isIntegralNumber() ? value : value.isTextual() ? Json.MAPPER.valueToTree(Long.parseLong(value.asText().strip())) : null;
                case FLOAT -> value.isNumber() ? value : value.isTextual() ? Json.MAPPER.valueToTree(Double.parseDouble(value.asText().strip())) : null;
                case BOOL -> value.isBoolean() ? value : null;
                case JSON -> value.isTextual() ? Json.MAPPER.readTree(value.asText()) : value;
                default -> null;
            };
        } catch (RuntimeException | IOException e) {
            return null;
        }
    }

    /** Numbers compare by value (24 and 24.0 are one default); everything else as JSON. */
    private static int compareValues(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue());
        return a.equals(b) ? 0 : 1;
    }

    private static String shown(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            return String.valueOf(value);
        }
    }

    /** A flows.yaml default as the Parameter's default would be written in Python. */
    private static String python(Object value, MetaflowType type) {
        String json = shown(value);
        if (type == MetaflowType.JSON) return "'" + json.replace("\\", "\\\\").replace("'", "\\'") + "'";
        if (value instanceof Boolean b) return b ? "True" : "False";
        return json;
    }

    private static String at(String shown, int line, int column) {
        return shown + ":" + line + ":" + column;
    }

    private static String strip(String source) {
        return source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return true;
        }
        return false;
    }
}
