package dev.flowctl.engine.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowctl.engine.EngineSettings;
import dev.flowctl.engine.Ownership;
import dev.flowctl.port.Deployment;
import dev.flowctl.port.DeploymentRequest;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.LiveAttributes;
import dev.flowctl.port.LiveFlowVersion;
import dev.flowctl.port.Owner;
import dev.flowctl.port.RunInfo;
import dev.flowctl.port.RunRef;
import dev.flowctl.port.RunRequest;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Settings;
import java.nio.file.Path;
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
 * ({@link CommandRuns}); docs/engines.md describes what each prints.
 */
public final class CommandEngine implements FlowEngine {
    private static final String REF_PREFIX = "flowctl-ref:";

    private final Commands commands;
    private final CommandRuns runs;

    /**
     * @param type    {@code command}, or {@code metaflow} for the preset (whose commands fill {@code settings})
     * @param baseDir the directory of flows.yaml: commands run there
     */
    public CommandEngine(String type, Settings settings, Path baseDir) {
        this.commands = new Commands(type, settings, baseDir);
        this.runs = new CommandRuns(commands);
    }

    @Override
    public String type() {
        return commands.type;
    }

    @Override
    public Deployment deploy(DeploymentRequest r) {
        EngineSettings.check(commands.type, r.settings(), "engine settings of " + r.address());
        Settings s = commands.effective(r.settings());
        String key = r.update() && Commands.template(s, "update").isPresent() ? "update" : "deploy";
        CommandLineTemplate command = Commands.template(s, key).orElseThrow();
        FlowVersionAddress a = r.address();
        Map<String, String> values = commands.values(r.owner(), a);
        // Only an engine that can list can tell that a create would land on an existing deployment.
        if (!r.update() && canList()) {
            list(r.owner()).stream().filter(l -> l.address().equals(a)).findFirst().ifPresent(l -> {
                throw Ownership.existsOnCreate(a, "the " + commands.type + " engine's deployment " + l.engineRef(), l.engineRef());
            });
        }
        values.put("source", r.source().toString());
        values.put("definition", r.definition() == null ? "" : r.definition().toString());
        Map<String, String> env = commands.env(s, values, r.update() ? "update" : "create");
        env.put("FLOWCTL_INPUTS", r.schema().text());
        env.put("FLOWCTL_SOURCE_HASH", r.digest().sourceHash());
        env.put("FLOWCTL_DEFINITION_HASH", r.digest().definitionHash() == null ? "" : r.digest().definitionHash());
        env.put("FLOWCTL_SETTINGS_HASH", r.digest().engineSettingsHash());
        ProcessRunner.Outcome outcome = commands.run(key, a, command.argv(values), env, s, null);
        // A command may print flowctl-ref: <id> (e.g. an ARN) to name what it deployed.
        return new Deployment(Commands.prefixed(outcome.stdout(), REF_PREFIX).orElseGet(() -> commands.sourceRef(r.source())));
    }

    @Override
    public void delete(Owner owner, FlowVersionAddress address, String engineRef) {
        CommandLineTemplate command = Commands.template(commands.settings, "delete").orElseThrow(() -> new EngineException(
                "the " + commands.type + " engine has no 'delete' command, so " + address + " cannot be deleted; add delete: to the engine: block."));
        Map<String, String> values = commands.values(owner, address);
        Optional<Path> source = commands.deployedSource(engineRef);
        if (source.isPresent()) {
            values.put("source", source.get().toString());
        } else if (command.uses("source")) {
            throw new EngineException("cannot delete " + address + " with the " + commands.type + " engine: its delete command needs {source},"
                    + " but the flow file it was deployed from (" + engineRef + ") is gone; restore the file, or delete the"
                    + " deployment by hand and remove it from state.");
        }
        commands.run("delete", address, command.argv(values), commands.env(commands.settings, values, "delete"), commands.settings, null);
    }

    @Override
    public boolean listRunsSpecCommands() {
        return true;
    }

    @Override
    public boolean canList() {
        return Commands.template(commands.settings, "list").isPresent();
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
        CommandLineTemplate command = Commands.template(commands.settings, "list").orElseThrow(() -> new EngineException(
                "the " + commands.type + " engine has no 'list' command, so flowctl cannot see what is live; add list: to the engine:"
                        + " block (it prints one JSON object per deployment with flow and version)."));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("project", owner.project());
        values.put("environment", Commands.environment(owner));
        ProcessRunner.Outcome outcome = commands.run("list", null, command.argv(values), commands.env(commands.settings, values, "list"),
                commands.settings, null);
        List<LiveFlowVersion> live = new ArrayList<>();
        for (JsonNode item : commands.parseList(outcome.stdout(), "list")) {
            if (!item.hasNonNull("flow") || !item.hasNonNull("version")) {
                throw new EngineException("the " + commands.type + " engine's list command printed " + item
                        + " without 'flow' and 'version'; print one object per deployment, e.g. {\"flow\":\"f\",\"version\":\"v1\"}.");
            }
            if (!owner.project().equals(item.path("project").asText(owner.project()))
                    || !Commands.environment(owner).equals(item.path("environment").asText(Commands.environment(owner)))) continue;
            FlowVersionAddress a = new FlowVersionAddress(item.get("flow").asText(), item.get("version").asText());
            String ref = item.hasNonNull("ref") ? item.get("ref").asText() : commands.name(owner, a);
            live.add(new LiveFlowVersion(a, ref, attributes(item)));
        }
        return live;
    }

    /**
     * The hashes one printed object reports (docs/engines.md names the keys); an {@code edited.X}
     * key is a change the engine saw made outside flowctl. A missing or null hash is not compared.
     */
    private static LiveAttributes attributes(JsonNode item) {
        Map<String, String> edited = new LinkedHashMap<>();
        item.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith(EDITED) && e.getValue().isValueNode() && !e.getValue().isNull()) {
                edited.put(e.getKey().substring(EDITED.length()), e.getValue().asText());
            }
        });
        return new LiveAttributes(hash(item, "sourceHash"), hash(item, "definitionHash"), hash(item, "engineSettingsHash"),
                hash(item, "fingerprint"), edited);
    }

    private static final String EDITED = "edited.";

    private static String hash(JsonNode item, String key) {
        JsonNode v = item.get(key);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    @Override
    public RunRef start(RunRequest request) {
        return runs.start(request);
    }

    @Override
    public RunInfo describe(Owner owner, RunRef ref) {
        return runs.describe(owner, ref);
    }

    @Override
    public void cancel(Owner owner, RunRef ref) {
        runs.cancel(owner, ref);
    }

    @Override
    public List<RunInfo> runs(Owner owner, FlowVersionAddress address, String engineRef, int limit) {
        return runs.runs(owner, address, engineRef, limit);
    }
}
