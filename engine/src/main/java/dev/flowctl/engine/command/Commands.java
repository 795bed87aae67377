package dev.flowctl.engine.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.engine.DeploymentNames;
import dev.flowctl.engine.EngineSettings;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.Owner;
import dev.flowctl.spec.Durations;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the command engine's deployments and runs share: the configured templates, the placeholders
 * and FLOWCTL_* variables, running a command (no shell, a timeout, its output shown when it fails) and
 * reading what it prints.
 */
final class Commands {
    /** Deployment names stay short enough for most engines (Step Functions allows 80). */
    static final int NAME_LIMIT = 80;
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    private static final int TAIL_LINES = 20;

    final String type;
    final Settings settings;
    final Path baseDir;
    private final ProcessRunner runner;
    private final String names;

    /**
     * @param type    {@code command}, or {@code metaflow} for the preset (whose commands fill {@code settings})
     * @param baseDir the directory of flows.yaml: commands run there
     */
    Commands(String type, Settings settings, Path baseDir) {
        EngineSettings.check(type, settings, "engine");
        this.type = type;
        this.settings = effective(settings);
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.runner = new ProcessRunner(this.baseDir);
        this.names = EngineSettings.names(this.settings, "engine");
        // Mistakes in the commands surface before anything runs, not halfway through an apply.
        EngineSettings.required(this.settings, "deploy", type, "\"./deploy.sh {source} {version}\"");
        for (String key : List.of("deploy", "update", "delete", "list", "run", "status", "cancel", "runs")) template(this.settings, key);
        timeout(this.settings);
    }

    /** A version's settings with the preset's commands filled in. */
    Settings effective(Settings s) {
        return type.equals("metaflow") ? MetaflowPreset.apply(s) : s;
    }

    static Optional<CommandLineTemplate> template(Settings s, String key) {
        return s.string(key).filter(t -> !t.isBlank()).map(t -> new CommandLineTemplate(key, t));
    }

    /** A template the action needs, or one sentence saying where to add it. */
    CommandLineTemplate required(Settings s, String key, FlowVersionAddress a, String what) {
        return template(s, key).orElseThrow(() -> new EngineException("the " + type + " engine has no '" + key + "' command, so it"
                + " cannot " + what + " " + a + "; add " + key + ": to the engine: block (see docs/engines.md)."));
    }

    /** Runs a command; a failure or a timeout is one sentence with the command and the tail of its output. */
    ProcessRunner.Outcome run(String key, FlowVersionAddress a, List<String> argv, Map<String, String> env, Settings s, byte[] stdin) {
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
    Map<String, String> values(Owner owner, FlowVersionAddress a) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("project", owner.project());
        values.put("environment", environment(owner));
        values.put("flow", a.flow());
        values.put("version", a.version());
        values.put("name", name(owner, a));
        return values;
    }

    String name(Owner owner, FlowVersionAddress a) {
        return DeploymentNames.of(names, owner, a, NAME_LIMIT);
    }

    /** The environment as commands see it: empty for the default one. */
    static String environment(Owner owner) {
        return owner.environment() == null ? "" : owner.environment();
    }

    Map<String, String> env(Settings s, Map<String, String> values, String action) {
        Map<String, String> env = new LinkedHashMap<>();
        EngineSettings.map(s, "env", type).forEach((k, v) -> env.put(k, String.valueOf(v)));
        values.forEach((k, v) -> env.put("FLOWCTL_" + k.toUpperCase(Locale.ROOT), v));
        env.put("FLOWCTL_ACTION", action);
        return env;
    }

    /** The flow file a deployment was made from, when its reference (relative to flows.yaml) still names one. */
    Optional<Path> deployedSource(String engineRef) {
        if (engineRef == null || engineRef.isBlank() || !Files.exists(baseDir.resolve(engineRef))) return Optional.empty();
        return Optional.of(baseDir.resolve(engineRef).normalize());
    }

    /**
     * Without a reference printed by the command, a deployment is known by its source path
     * (relative to flows.yaml), which is what a later delete runs again, e.g. Metaflow's flow file.
     */
    String sourceRef(Path source) {
        Path abs = source.toAbsolutePath().normalize();
        return abs.startsWith(baseDir) ? baseDir.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    /** What a list-like command printed: a JSON array, or one JSON object per line. */
    List<JsonNode> parseList(String stdout, String key) {
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

    /** The value of the last line that starts with {@code prefix}, e.g. {@code flowctl-ref: <id>}. */
    static Optional<String> prefixed(String stdout, String prefix) {
        String value = null;
        for (String line : stdout.lines().toList()) {
            if (line.startsWith(prefix)) value = line.substring(prefix.length()).trim();
        }
        return Optional.ofNullable(value).filter(s -> !s.isEmpty());
    }
}
