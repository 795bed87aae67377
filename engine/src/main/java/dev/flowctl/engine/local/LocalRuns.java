package dev.flowctl.engine.local;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.Owner;
import dev.flowctl.engine.DeploymentNames;
import dev.flowctl.engine.command.CommandLineTemplate;
import dev.flowctl.files.AtomicFile;
import dev.flowctl.port.RunInfo;
import dev.flowctl.port.RunRef;
import dev.flowctl.port.RunRequest;
import dev.flowctl.port.RunState;
import dev.flowctl.spec.FlowVersionAddress;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The run half of the {@link LocalEngine}: each run is a local process, the version's {@code run:}
 * command (default {@value #DEFAULT_COMMAND}), started under a {@link RunSupervisor} with the input on
 * stdin, and a directory {@code <runs>/<project>[-<env>]/<flow>/<version>/<run id>/} that holds what
 * {@link RunFiles} describes. A run id made from an idempotency key is that key's hash, so a second
 * start finds the first run's directory; creating the directory by one atomic rename makes two
 * racing starts agree on one run.
 */
final class LocalRuns {
    /** Without {@code run:}, a version's source is a Python script that reads its input JSON from stdin. */
    static final String DEFAULT_COMMAND = "python3 {source}";
    /** Inputs up to this size are also in FLOWCTL_INPUT; a larger one would exceed what an environment variable may hold. */
    static final int INPUT_ENV_LIMIT = 64 * 1024;
    /** What a caller may send as a flow, version or run id: no path separators, no leading dot. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Supervisors are small, short-lived JVMs: C1 only, serial GC, a small heap. */
    private static final List<String> SUPERVISOR_JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
            "-Xmx24m", "-Xss512k", "-Xshare:auto");

    private final Path root;
    private final Path workDir;
    private final LocalEngine deployments;

    /**
     * @param root    where runs live: {@code .flowctl/runs} (per environment, beside the engine directory)
     * @param workDir where run commands run: the directory of flows.yaml
     */
    LocalRuns(Path root, Path workDir, LocalEngine deployments) {
        this.root = root;
        this.workDir = workDir;
        this.deployments = deployments;
    }

    RunRef start(RunRequest r) {
        FlowVersionAddress a = r.address();
        safe(a);
        Map<String, String> deployed = deployments.deployed(r.owner(), a, r.engineRef());
        String template = r.settings() == null ? DEFAULT_COMMAND : r.settings().string("run").filter(t -> !t.isBlank()).orElse(DEFAULT_COMMAND);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("project", r.owner().project());
        values.put("environment", r.owner().environment() == null ? "" : r.owner().environment());
        values.put("flow", a.flow());
        values.put("version", a.version());
        values.put("name", DeploymentNames.of(DeploymentNames.DEFAULT_PATTERN, r.owner(), a, 80));
        values.put("source", deployed.getOrDefault("source", ""));
        values.put("definition", deployed.getOrDefault("definition", ""));
        List<String> argv = new CommandLineTemplate("run", template).argv(values);

        String inputHash = sha256(r.inputJson());
        String runId = r.idempotencyKey() == null ? ID_TIME.format(Instant.now()) + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())
                : "key-" + sha256(r.idempotencyKey()).substring(0, 32);
        RunRef ref = new RunRef(a, runId);
        Path versionDir = versionDir(r.owner(), a);
        Path runDir = versionDir.resolve(runId);
        if (Files.isDirectory(runDir)) return existing(r, ref, runDir, inputHash);
        Path fresh = null;
        try {
            Files.createDirectories(versionDir);
            fresh = Files.createTempDirectory(versionDir, ".new-");
            Map<String, String> run = new LinkedHashMap<>();
            run.put("project", r.owner().project());
            RunFiles.put(run, "environment", r.owner().environment());
            run.put("flow", a.flow());
            run.put("version", a.version());
            run.put("runId", runId);
            run.put("inputSha256", inputHash);
            run.put("command", CommandLineTemplate.display(argv));
            run.put("createdAt", Instant.now().toString());
            RunFiles.write(fresh.resolve(RunFiles.RUN), run);
            AtomicFile.write(fresh.resolve(RunFiles.INPUT), r.inputJson().getBytes(StandardCharsets.UTF_8));
            RunFiles.writeStatus(fresh, RunFiles.Status.queued());
            Files.createFile(fresh.resolve(RunFiles.LOG));
            try {
                Files.move(fresh, runDir, StandardCopyOption.ATOMIC_MOVE);
                fresh = null;
            } catch (IOException raced) {
                // rename(2) refuses to replace a directory that has files: another start with this key won.
                if (!Files.isDirectory(runDir)) throw raced;
                return existing(r, ref, runDir, inputHash);
            }
        } catch (IOException e) {
            throw new EngineException("the local engine cannot record a run of " + a + " under " + versionDir + " (" + e
                    + "); check that the directory is writable.", e);
        } finally {
            deleteTree(fresh);
        }
        launch(r, ref, runDir, argv);
        return ref;
    }

    /** The run a repeated idempotency key names; the same key with another input is a mistake the caller must hear of. */
    private RunRef existing(RunRequest r, RunRef ref, Path runDir, String inputHash) {
        Map<String, String> run = runFile(r.owner(), ref, runDir);
        if (!inputHash.equals(run.get("inputSha256"))) {
            throw new EngineException(ErrorCode.RUN_IDEMPOTENCY_CONFLICT, "idempotency key '" + r.idempotencyKey() + "' already started run " + ref.runId() + " of "
                    + r.address() + " with another input; use a new key for a new run.");
        }
        return ref;
    }

    private void launch(RunRequest r, RunRef ref, Path runDir, List<String> argv) {
        List<String> command = new ArrayList<>();
        setsid().ifPresent(command::add);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SUPERVISOR_JVM);
        command.add("-cp");
        command.add(supervisorClasspath());
        command.add(RunSupervisor.class.getName());
        command.add(runDir.toString());
        command.add("--");
        command.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(runDir.resolve(RunFiles.LOG).toFile()))
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("FLOWCTL_PROJECT", r.owner().project());
        env.put("FLOWCTL_ENVIRONMENT", r.owner().environment() == null ? "" : r.owner().environment());
        env.put("FLOWCTL_FLOW", r.address().flow());
        env.put("FLOWCTL_VERSION", r.address().version());
        env.put("FLOWCTL_RUN_ID", ref.runId());
        env.put("FLOWCTL_RUN_DIR", runDir.toString());
        env.put("FLOWCTL_INPUT_FILE", runDir.resolve(RunFiles.INPUT).toString());
        env.put("FLOWCTL_ACTION", "run");
        if (r.inputJson().length() <= INPUT_ENV_LIMIT) env.put("FLOWCTL_INPUT", r.inputJson());
        try {
            Process p = pb.start();
            Map<String, String> supervisor = new LinkedHashMap<>();
            supervisor.put("pid", Long.toString(p.pid()));
            p.info().startInstant().ifPresent(t -> supervisor.put("startedAt", t.toString()));
            RunFiles.write(runDir.resolve(RunFiles.SUPERVISOR), supervisor);
        } catch (IOException e) {
            try {
                RunFiles.writeStatus(runDir, RunFiles.Status.queued().ended(RunState.FAILED, null,
                        "the local engine could not start the run's supervisor (" + e.getMessage() + ")."));
            } catch (IOException ignored) {
                // the exception below says what went wrong
            }
            throw new EngineException("the local engine could not start run " + ref.runId() + " of " + r.address() + " (" + e.getMessage()
                    + "); check that " + workDir + " exists and that Java can start processes.", e);
        }
    }

    RunInfo describe(Owner owner, RunRef ref) {
        Path runDir = runDir(owner, ref);
        runFile(owner, ref, runDir);
        try {
            RunFiles.Status status = RunFiles.readStatus(runDir);
            if (!status.state().terminal() && !supervisorAlive(runDir)) {
                // It may have written its last status just before exiting: read again before calling the run lost.
                status = RunFiles.readStatus(runDir);
                if (!status.state().terminal() && Files.exists(runDir.resolve(RunFiles.SUPERVISOR))) {
                    status = status.ended(RunState.FAILED, null, "the run's supervisor ended before the run did, so how the run"
                            + " ended is unknown; its log is " + runDir.resolve(RunFiles.LOG) + ".");
                }
            }
            return new RunInfo(ref, status.state(), status.startedAt(), status.stoppedAt(), status.error(), null);
        } catch (IOException | RuntimeException e) {
            throw unreadable(ref, runDir, e);
        }
    }

    void cancel(Owner owner, RunRef ref) {
        Path runDir = runDir(owner, ref);
        runFile(owner, ref, runDir);
        try {
            if (RunFiles.readStatus(runDir).state().terminal()) return;
            // The mark first: a supervisor that has not recorded the command's pid yet finds it once it has.
            if (!RunSupervisor.cancelled(runDir)) {
                try {
                    Files.createFile(runDir.resolve(RunFiles.CANCEL));
                } catch (FileAlreadyExistsException alreadyAsked) {
                    // a cancel that races another is the same cancel
                }
            }
            RunFiles.Status status = RunFiles.readStatus(runDir);
            if (status.pid() != null) process(status.pid(), status.pidStartedAt()).ifPresent(RunSupervisor::killTree);
            if (!supervisorAlive(runDir)) {
                status = RunFiles.readStatus(runDir);
                if (!status.state().terminal()) RunFiles.writeStatus(runDir, status.ended(RunState.CANCELLED, null, "cancelled."));
            }
        } catch (IOException | RuntimeException e) {
            throw unreadable(ref, runDir, e);
        }
    }

    List<RunInfo> runs(Owner owner, FlowVersionAddress a, int limit) {
        safe(a);
        Path versionDir = versionDir(owner, a);
        List<Map.Entry<Instant, String>> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(versionDir)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                String id = d.getFileName().toString();
                if (!SAFE_NAME.matcher(id).matches()) continue;
                Optional<Map<String, String>> run = RunFiles.read(d.resolve(RunFiles.RUN));
                if (run.isEmpty() || !owns(run.get(), owner)) continue;
                found.add(Map.entry(Instant.parse(run.get().get("createdAt")), id));
            }
        } catch (NoSuchFileException none) {
            return List.of();
        } catch (IOException | RuntimeException e) {
            throw new EngineException("the local engine cannot list the runs of " + a + " in " + versionDir + " (" + e + ").", e);
        }
        return found.stream()
                .sorted(Map.Entry.<Instant, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()).reversed())
                .limit(Math.max(0, limit))
                .map(e -> describe(owner, new RunRef(a, e.getValue())))
                .collect(Collectors.toList());
    }

    /** Where a run's command writes its stdout and stderr. */
    Path log(Owner owner, RunRef ref) {
        Path runDir = runDir(owner, ref);
        runFile(owner, ref, runDir);
        return runDir.resolve(RunFiles.LOG);
    }

    /** run.properties of a run of this owner, or the one-sentence error for a run that does not exist. */
    private Map<String, String> runFile(Owner owner, RunRef ref, Path runDir) {
        try {
            Optional<Map<String, String>> run = RunFiles.read(runDir.resolve(RunFiles.RUN));
            if (run.isPresent() && owns(run.get(), owner)) return run.get();
        } catch (IOException | RuntimeException e) {
            throw unreadable(ref, runDir, e);
        }
        throw unknown(owner, ref);
    }

    private static boolean owns(Map<String, String> run, Owner owner) {
        return owner.project().equals(run.get("project")) && java.util.Objects.equals(owner.environment(), run.get("environment"));
    }

    private Path runDir(Owner owner, RunRef ref) {
        if (!SAFE_NAME.matcher(ref.runId()).matches() || !safeAddress(ref.address())) throw unknown(owner, ref);
        return versionDir(owner, ref.address()).resolve(ref.runId());
    }

    private Path versionDir(Owner owner, FlowVersionAddress a) {
        String ownerDir = owner.environment() == null ? owner.project() : owner.project() + "-" + owner.environment();
        return root.resolve(ownerDir).resolve(a.flow()).resolve(a.version());
    }

    private static boolean safeAddress(FlowVersionAddress a) {
        return SAFE_NAME.matcher(a.flow()).matches() && SAFE_NAME.matcher(a.version()).matches();
    }

    private static void safe(FlowVersionAddress a) {
        if (!safeAddress(a)) {
            throw new EngineException("'" + a + "' is not a flow version the local engine can run; name a deployed flow@version.");
        }
    }

    private static EngineException unknown(Owner owner, RunRef ref) {
        String id = ref.runId().length() > 80 ? ref.runId().substring(0, 80) + "…" : ref.runId();
        return new dev.flowctl.port.UnknownRunException("the local engine has no run '" + id.replaceAll("\\s", " ") + "' of " + ref.address() + " for "
                + owner.describe() + "; flowctl runs list " + ref.address() + " shows its recent runs.");
    }

    private static EngineException unreadable(RunRef ref, Path runDir, Exception e) {
        return new EngineException("the local engine cannot read run " + ref.runId() + " of " + ref.address() + " in " + runDir
                + " (" + e + "); check the files there, or start a new run.", e);
    }

    /** The supervisor is alive when its pid still names the process started then (a pid can be reused). */
    private static boolean supervisorAlive(Path runDir) throws IOException {
        Optional<Map<String, String>> s = RunFiles.read(runDir.resolve(RunFiles.SUPERVISOR));
        if (s.isEmpty()) return true; // being started right now; launch() records it at once
        return process(Long.parseLong(s.get().get("pid")), RunFiles.instant(s.get().get("startedAt"))).isPresent();
    }

    private static Optional<ProcessHandle> process(long pid, Instant startedAt) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> startedAt == null
                || h.info().startInstant().map(t -> Math.abs(t.toEpochMilli() - startedAt.toEpochMilli()) < 1000).orElse(true));
    }

    /** setsid puts the supervisor into a session of its own: a Ctrl-C or hang-up of flowctl's terminal does not reach runs. */
    private static Optional<String> setsid() {
        return Stream.of("/usr/bin/setsid", "/bin/setsid").filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }

    /** The supervisor needs the engine's, spec-model's (atomic writes) and the planner's (run states) classes. */
    private static String supervisorClasspath() {
        return Stream.of(RunSupervisor.class, AtomicFile.class, RunState.class).map(LocalRuns::codeSource).distinct()
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | NullPointerException e) {
            throw new EngineException("the local engine cannot find its own classes to start a run (" + e + ").", e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover .new- directory is skipped by every reader
        }
    }
}
