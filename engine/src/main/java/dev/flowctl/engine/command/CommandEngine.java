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
 * shown when it fails.
 */
public final class CommandEngine implements FlowEngine {
    /** Deployment names stay short enough for most engines (Step Functions allows 80). */
    static final int NAME_LIMIT = 80;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    private static final int TAIL_LINES = 20;
    private static final String REF_PREFIX = "flowctl-ref:";
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
        for (String key : List.of("deploy", "update", "delete", "list")) template(this.settings, key);
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

    private List<JsonNode> parseList(String stdout) {
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
            throw new EngineException("the " + type + " engine's list command printed something that is not JSON ("
                    + e.getOriginalMessage() + "); print a JSON array or one JSON object per line.", e);
        }
    }

    private ProcessRunner.Outcome run(String key, FlowVersionAddress a, List<String> argv, Map<String, String> env, Settings s) {
        Duration timeout = timeout(s);
        ProcessRunner.Outcome outcome = runner.run(argv, env, timeout);
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
        String ref = null;
        for (String line : stdout.lines().toList()) {
            if (line.startsWith(REF_PREFIX)) ref = line.substring(REF_PREFIX.length()).trim();
        }
        return Optional.ofNullable(ref).filter(s -> !s.isEmpty());
    }
}
