package dev.flowctl.engine.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.apply.Deployment;
import dev.flowctl.apply.DeploymentRequest;
import dev.flowctl.apply.EngineException;
import dev.flowctl.apply.FlowEngine;
import dev.flowctl.apply.LiveFlowVersion;
import dev.flowctl.apply.Owner;
import dev.flowctl.engine.DeploymentNames;
import dev.flowctl.engine.EngineSettings;
import dev.flowctl.engine.Ownership;
import dev.flowctl.run.RunInfo;
import dev.flowctl.run.RunRef;
import dev.flowctl.run.RunRequest;
import dev.flowctl.run.RunState;
import dev.flowctl.spec.Durations;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deploys by running configured commands ({@code deploy}, {@code update}, {@code delete},
 * {@code list}; split into words by flowctl and run without a shell) with placeholders, the
 * version's input schema as JSON in {@code FLOWCTL_INPUTS}, a timeout, and the command's output
 * shown when it fails. Runs go through {@code run}, {@code status}, {@code cancel} and {@code runs}
 * (see {@link #start}, {@link #describe}); docs/engines.md describes what each prints.
 */
public final class CommandEngine implements FlowEngine {
    /** Deployment names stay short enough for most engines (Step Functions allows 80). */
    static final int NAME_LIMIT = 80;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    private static final int TAIL_LINES = 20;
    private static final String REF_PREFIX = "flowctl-ref:";
    private static final String RUN_PREFIX = "flowctl-run:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String type;
    private final Settings settings;
    private final ProcessRunner runner;
    private final Path baseDir;
    private final String names;

    /**
     * @param type    {@code command}, or {@code metaflow} for the preset (whose commands fill {@code settings})
     * @param baseDir the directory of flows.yaml: commands run there
     */
    public CommandEngine(String type, Settings settings, Path baseDir) {
        EngineSettings.check(type, settings, "engine");
        this.type = type;
        this.settings = effective(type, settings);
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.runner = new ProcessRunner(this.baseDir);
        this.names = EngineSettings.names(this.settings, "engine");
        // Mistakes in the commands surface before anything runs, not halfway through an apply.
        EngineSettings.required(this.settings, "deploy", type, "\"./deploy.sh {source} {version}\"");
        for (String key : List.of("deploy", "update", "delete", "list", "run", "status", "cancel", "runs")) template(this.settings, key);
        timeout(this.settings);
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Deployment deploy(DeploymentRequest r) {
        EngineSettings.check(type, r.settings(), "engine settings of " + r.version().address());
        Settings s = effective(type, r.settings());
        String key = r.update() && template(s, "update").isPresent() ? "update" : "deploy";
        CommandLineTemplate command = template(s, key).orElseThrow();
        FlowVersionAddress a = r.version().address();
        Map<String, String> values = values(r.owner(), a);
        // Only an engine that can list can tell that a create would land on an existing deployment.
        if (!r.update() && canList()) {
            list(r.owner()).stream().filter(l -> l.address().equals(a)).findFirst().ifPresent(l -> {
                throw Ownership.existsOnCreate(a, "the " + type + " engine's deployment " + l.engineRef(), l.engineRef());
            });
        }
        values.put("source", r.source().toString());
        values.put("definition", r.definition() == null ? "" : r.definition().toString());
        Map<String, String> env = env(s, values, r.update() ? "update" : "create");
        env.put("FLOWCTL_INPUTS", r.schema().toString());
        env.put("FLOWCTL_SOURCE_HASH", r.digest().sourceHash());
        env.put("FLOWCTL_DEFINITION_HASH", r.digest().definitionHash() == null ? "" : r.digest().definitionHash());
        env.put("FLOWCTL_SETTINGS_HASH", r.digest().engineSettingsHash());
        ProcessRunner.Outcome outcome = run(key, a, command.argv(values), env, s);
        return new Deployment(reportedRef(outcome.stdout()).orElseGet(() -> sourceRef(r.source())));
    }

    @Override
    public void delete(Owner owner, FlowVersionAddress address, String engineRef) {
        CommandLineTemplate command = template(settings, "delete").orElseThrow(() -> new EngineException(
                "the " + type + " engine has no 'delete' command, so " + address + " cannot be deleted; add delete: to the engine: block."));
        Map<String, String> values = values(owner, address);
        if (engineRef != null && !engineRef.isBlank() && Files.exists(baseDir.resolve(engineRef))) {
            values.put("source", baseDir.resolve(engineRef).normalize().toString());
        } else if (command.uses("source")) {
            throw new EngineException("cannot delete " + address + " with the " + type + " engine: its delete command needs {source},"
                    + " but the flow file it was deployed from (" + engineRef + ") is gone; restore the file, or delete the"
                    + " deployment by hand and remove it from state.");
        }
        run("delete", address, command.argv(values), env(settings, values, "delete"), settings);
    }

    @Override
    public boolean listRunsSpecCommands() {
        return true;
    }

    @Override
    public boolean canList() {
        return template(settings, "list").isPresent();
    }

    /**
     * Runs {@code list} and reads what it prints: a JSON array, or one JSON object per line, each
     * with {@code flow}, {@code version} and optionally {@code ref} and hash attributes
     * ({@code sourceHash}, {@code definitionHash}, {@code engineSettingsHash}, {@code fingerprint}).
     * The command gets {@code {project}} and {@code {environment}}; an item that names another
     * {@code project} or {@code environment} is left out.
     */
    @Override
    public List<LiveFlowVersion> list(Owner owner) {
        CommandLineTemplate command = template(settings, "list").orElseThrow(() -> new EngineException(
                "the " + type + " engine has no 'list' command, so flowctl cannot see what is live; add list: to the engine:"
                        + " block (it prints one JSON object per deployment with flow and version)."));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("project", owner.project());
        values.put("environment", environment(owner));
        ProcessRunner.Outcome outcome = run("list", null, command.argv(values), env(settings, values, "list"), settings);
        List<LiveFlowVersion> live = new ArrayList<>();
        for (JsonNode item : parseList(outcome.stdout())) {
            if (!item.hasNonNull("flow") || !item.hasNonNull("version")) {
                throw new EngineException("the " + type + " engine's list command printed " + item
                        + " without 'flow' and 'version'; print one object per deployment, e.g. {\"flow\":\"f\",\"version\":\"v1\"}.");
            }
            if (!owner.project().equals(item.path("project").asText(owner.project()))
                    || !environment(owner).equals(item.path("environment").asText(environment(owner)))) continue;
            FlowVersionAddress a = new FlowVersionAddress(item.get("flow").asText(), item.get("version").asText());
            Map<String, String> attributes = new LinkedHashMap<>();
            item.fields().forEachRemaining(e -> {
                if (!List.of("flow", "version", "ref", "project", "environment").contains(e.getKey()) && e.getValue().isValueNode()
                        && !e.getValue().isNull()) {
                    attributes.put(e.getKey(), e.getValue().asText());
                }
            });
            String ref = item.hasNonNull("ref") ? item.get("ref").asText() : DeploymentNames.of(names, owner, a, NAME_LIMIT);
            live.add(new LiveFlowVersion(a, ref, attributes));
        }
        return live;
    }


    /**
     * Runs {@code run} with the input JSON on stdin and in {@code FLOWCTL_INPUT}, and the idempotency key in
     * {@code FLOWCTL_IDEMPOTENCY_KEY}, which the command honours (starting nothing for a key it has seen, and printing
     * that run's id). The command names the run it started with a {@code flowctl-run: <id>} line, or by writing the id
     * to {@code {run_id_file}} (as Metaflow's {@code step-functions trigger --run-id-file} does).
     */
    @Override
    public RunRef start(RunRequest r) {
        EngineSettings.check(type, r.settings(), "engine settings of " + r.address());
        Settings s = effective(type, r.settings());
        CommandLineTemplate command = runTemplate(s, "run", r.address(), "start runs of");
        Map<String, String> values = runValues(r.owner(), r.address(), r.engineRef(), command, null);
        Path runIdFile = null;
        try {
            if (command.uses("run_id_file")) {
                runIdFile = Files.createTempFile("flowctl-run", ".id");
                values.put("run_id_file", runIdFile.toString());
            }
            List<String> argv = new ArrayList<>(command.argv(values));
            if (type.equals("metaflow") && r.settings().string("run").isEmpty()) argv.addAll(MetaflowPreset.triggerArguments(r.inputJson()));
            Map<String, String> env = env(s, values, "run");
            env.put("FLOWCTL_INPUT", r.inputJson());
            env.put("FLOWCTL_IDEMPOTENCY_KEY", r.idempotencyKey() == null ? "" : r.idempotencyKey());
            ProcessRunner.Outcome outcome = run("run", r.address(), argv, env, s, r.inputJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Optional<String> id = prefixed(outcome.stdout(), RUN_PREFIX);
            if (id.isEmpty() && runIdFile != null) id = Optional.of(Files.readString(runIdFile).strip()).filter(t -> !t.isEmpty());
            return new RunRef(r.address(), id.orElseThrow(() -> new EngineException("the " + type + " engine's run command for "
                    + r.address() + " did not say which run it started; print a line 'flowctl-run: <id>', or write the id to {run_id_file}.")));
        } catch (java.io.IOException e) {
            throw new EngineException("the " + type + " engine cannot read the run id of " + r.address() + " (" + e.getMessage() + ").", e);
        } finally {
            if (runIdFile != null) runIdFile.toFile().delete();
        }
    }

    /**
     * Runs {@code status} for the run ({@code {run}}, {@code FLOWCTL_RUN_ID}) and reads the JSON object it prints:
     * {@code state} (QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED) and optionally {@code startedAt}, {@code stoppedAt}
     * (ISO-8601), {@code error} and {@code output}. A command that prints nothing does not know the run.
     */
    @Override
    public RunInfo describe(Owner owner, RunRef ref) {
        CommandLineTemplate command = runTemplate(settings, "status", ref.address(), "follow runs of");
        Map<String, String> values = runValues(owner, ref.address(), null, command, ref.runId());
        ProcessRunner.Outcome outcome = run("status", ref.address(), command.argv(values), env(settings, values, "status"), settings, null);
        if (outcome.stdout().isBlank()) throw unknownRun(owner, ref);
        return runInfo(ref, readJson(outcome.stdout().strip(), "status"));
    }

    /** Runs {@code cancel} for a run that has not ended (so cancelling an ended run changes nothing, as the port says). */
    @Override
    public void cancel(Owner owner, RunRef ref) {
        CommandLineTemplate command = runTemplate(settings, "cancel", ref.address(), "cancel runs of");
        if (describe(owner, ref).state().terminal()) return;
        Map<String, String> values = runValues(owner, ref.address(), null, command, ref.runId());
        run("cancel", ref.address(), command.argv(values), env(settings, values, "cancel"), settings, null);
    }

    /** Runs {@code runs} and reads what it prints, newest first: a JSON array or one object per line, each a status with {@code run}. */
    @Override
    public List<RunInfo> runs(Owner owner, FlowVersionAddress address, String engineRef, int limit) {
        CommandLineTemplate command = runTemplate(settings, "runs", address, "list runs of");
        Map<String, String> values = runValues(owner, address, engineRef, command, null);
        ProcessRunner.Outcome outcome = run("runs", address, command.argv(values), env(settings, values, "runs"), settings, null);
        List<RunInfo> runs = new ArrayList<>();
        for (JsonNode item : parseList(outcome.stdout(), "runs")) {
            if (runs.size() >= limit) break;
            if (!item.hasNonNull("run")) {
                throw new EngineException("the " + type + " engine's runs command printed " + item + " without 'run'; print one object per"
                        + " run, e.g. {\"run\":\"r1\",\"state\":\"RUNNING\"}.");
            }
            runs.add(runInfo(new RunRef(address, item.get("run").asText()), item));
        }
        return runs;
    }

    private RunInfo runInfo(RunRef ref, JsonNode status) {
        String state = status.path("state").asText("");
        RunState parsed;
        try {
            parsed = RunState.valueOf(state.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EngineException("the " + type + " engine's status of run " + ref.runId() + " has state '" + state
                    + "'; print one of QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED.");
        }
        JsonNode output = status.get("output");
        return new RunInfo(ref, parsed, time(status, "startedAt", ref), time(status, "stoppedAt", ref), text(status, "error"),
                output == null || output.isNull() ? null : output.isTextual() ? output.asText() : output.toString());
    }

    private java.time.Instant time(JsonNode status, String key, RunRef ref) {
        String t = text(status, key);
        if (t == null) return null;
        try {
            return java.time.Instant.parse(t);
        } catch (java.time.format.DateTimeParseException e) {
            throw new EngineException("the " + type + " engine's status of run " + ref.runId() + " has " + key + " '" + t
                    + "', not an ISO-8601 time such as 2024-05-01T12:00:00Z.", e);
        }
    }

    private static String text(JsonNode node, String key) {
        return node.hasNonNull(key) ? node.get(key).asText() : null;
    }

    private JsonNode readJson(String text, String key) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && node.isObject()) return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // said below
        }
        throw new EngineException("the " + type + " engine's " + key + " command printed something that is not a JSON object;"
                + " print e.g. {\"state\":\"RUNNING\",\"startedAt\":\"2024-05-01T12:00:00Z\"}.");
    }

    private EngineException unknownRun(Owner owner, RunRef ref) {
        String id = ref.runId().length() > 80 ? ref.runId().substring(0, 80) + "…" : ref.runId();
        return new dev.flowctl.run.UnknownRunException("the " + type + " engine knows no run '" + id.replaceAll("\\s", " ") + "' of " + ref.address()
                + " for " + owner.describe() + " (its status command printed nothing); check the run id.");
    }

    private CommandLineTemplate runTemplate(Settings s, String key, FlowVersionAddress a, String what) {
        return template(s, key).orElseThrow(() -> new EngineException("the " + type + " engine has no '" + key + "' command, so it"
                + " cannot " + what + " " + a + "; add " + key + ": to the engine: block (see docs/engines.md)."));
    }

    /** The placeholders of a run command: the version's, its flow file (from the deployment's reference), and the run id. */
    private Map<String, String> runValues(Owner owner, FlowVersionAddress a, String engineRef, CommandLineTemplate command, String runId) {
        Map<String, String> values = values(owner, a);
        String ref = engineRef;
        if (ref != null && !ref.isBlank() && Files.exists(baseDir.resolve(ref))) {
            values.put("source", baseDir.resolve(ref).normalize().toString());
        } else if (command.uses("source")) {
            throw new EngineException("the " + type + " engine's " + command.key() + " command needs {source}, but the flow file of "
                    + a + " (" + (engineRef == null ? "its deployment reference" : engineRef) + ") is not there; restore it or apply again.");
        }
        values.put("run", runId == null ? "" : runId);
        return values;
    }

    private List<JsonNode> parseList(String stdout) {
        return parseList(stdout, "list");
    }

    private List<JsonNode> parseList(String stdout, String key) {
        List<JsonNode> items = new ArrayList<>();
        try {
            String text = stdout.strip();
            if (text.startsWith("[")) {
                JSON.readTree(text).forEach(items::add);
                return items;
            }
            for (String line : text.lines().toList()) {
                if (!line.isBlank()) items.add(JSON.readTree(line));
            }
            return items;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new EngineException("the " + type + " engine's " + key + " command printed something that is not JSON ("
                    + e.getOriginalMessage() + "); print a JSON array or one JSON object per line.", e);
        }
    }

    private ProcessRunner.Outcome run(String key, FlowVersionAddress a, List<String> argv, Map<String, String> env, Settings s) {
        return run(key, a, argv, env, s, null);
    }

    private ProcessRunner.Outcome run(String key, FlowVersionAddress a, List<String> argv, Map<String, String> env, Settings s,
                                      byte[] stdin) {
        Duration timeout = timeout(s);
        ProcessRunner.Outcome outcome = runner.run(argv, env, timeout, stdin);
        if (outcome.ok()) return outcome;
        String what = a == null ? key : key + " of " + a;
        String why = outcome.timedOut() ? "timed out after " + timeout.toSeconds() + "s and was stopped"
                : "failed with exit code " + outcome.exitCode();
        throw new EngineException(type + " engine: " + what + " " + why + " (command: " + CommandLineTemplate.display(argv) + "); fix the command or"
                + " raise timeout: in the engine: block, then run again.\n" + outcome.tail(TAIL_LINES).stripTrailing());
    }

    private static Duration timeout(Settings s) {
        return s.string("timeout").map(t -> Durations.parse(t).orElseThrow(() -> new EngineException(
                "engine timeout is '" + t + "', not a duration; write e.g. 90s, 10m or 1h."))).orElse(DEFAULT_TIMEOUT);
    }

    /** The placeholders (and FLOWCTL_* variables) of one version; {@code {name}} includes a named environment. */
    private Map<String, String> values(Owner owner, FlowVersionAddress a) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("project", owner.project());
        values.put("environment", environment(owner));
        values.put("flow", a.flow());
        values.put("version", a.version());
        values.put("name", DeploymentNames.of(names, owner, a, NAME_LIMIT));
        return values;
    }

    /** The environment as commands see it: empty for the default one. */
    private static String environment(Owner owner) {
        return owner.environment() == null ? "" : owner.environment();
    }

    private Map<String, String> env(Settings s, Map<String, String> values, String action) {
        Map<String, String> env = new LinkedHashMap<>();
        EngineSettings.map(s, "env", type).forEach((k, v) -> env.put(k, String.valueOf(v)));
        values.forEach((k, v) -> env.put("FLOWCTL_" + k.toUpperCase(java.util.Locale.ROOT), v));
        env.put("FLOWCTL_ACTION", action);
        return env;
    }

    /**
     * Without a reference printed by the command, a deployment is known by its source path
     * (relative to flows.yaml), which is what a later delete runs again, e.g. Metaflow's flow file.
     */
    private String sourceRef(Path source) {
        Path abs = source.toAbsolutePath().normalize();
        return abs.startsWith(baseDir) ? baseDir.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    private static Settings effective(String type, Settings s) {
        return type.equals("metaflow") ? MetaflowPreset.apply(s) : s;
    }

    private static Optional<CommandLineTemplate> template(Settings s, String key) {
        return s.string(key).filter(t -> !t.isBlank()).map(t -> new CommandLineTemplate(key, t));
    }

    /** A command may print {@code flowctl-ref: <id>} (e.g. an ARN) to name what it deployed. */
    private static Optional<String> reportedRef(String stdout) {
        return prefixed(stdout, REF_PREFIX);
    }

    /** The value of the last line that starts with {@code prefix}. */
    private static Optional<String> prefixed(String stdout, String prefix) {
        String value = null;
        for (String line : stdout.lines().toList()) {
            if (line.startsWith(prefix)) value = line.substring(prefix.length()).trim();
        }
        return Optional.ofNullable(value).filter(s -> !s.isEmpty());
    }
}
