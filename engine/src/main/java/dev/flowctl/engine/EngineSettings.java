package dev.flowctl.engine;

import dev.flowctl.port.EngineException;
import dev.flowctl.errors.ErrorCode;
import dev.flowctl.spec.Settings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Checks that an {@code engine:} block only uses keys its engine type understands. */
public final class EngineSettings {
    /** Keys every type accepts. */
    private static final Set<String> COMMON = Set.of("type");

    /** The keys each engine type understands, for validation and error messages. */
    public static final Map<String, Set<String>> KEYS = Map.of(
            "local", Set.of("dir", "run"),
            "command", Set.of("deploy", "update", "delete", "list", "run", "status", "cancel", "runs", "timeout", "env", "names"),
            "metaflow", Set.of("deploy", "update", "delete", "list", "run", "status", "cancel", "runs", "timeout", "env", "python",
                    "names"),
            "stepfunctions", Set.of("region", "roleArn", "endpoint", "profile", "alias", "publish", "logging", "tracing",
                    "tags", "names", "timeout",
                    "runOn"));

    private EngineSettings() {
    }

    /** Throws an {@link EngineException} naming the first unknown key and the allowed ones. */
    public static void check(String type, Settings settings, String where) {
        Set<String> allowed = KEYS.get(type);
        if (allowed == null) {
            throw new EngineException(ErrorCode.ENGINE_UNKNOWN_TYPE, "unknown engine type '" + type + "' in " + where + "; use one of "
                    + String.join(", ", new TreeSet<>(KEYS.keySet())) + ".");
        }
        for (String key : settings.values().keySet()) {
            if (COMMON.contains(key) || allowed.contains(key)) continue;
            // The local engine's directory is set by flowctl itself for every type.
            if (key.equals("dir")) continue;
            throw new EngineException(ErrorCode.ENGINE_SETTINGS_INVALID, "engine setting '" + key + "' in " + where + " is not used by the " + type
                    + " engine; it understands: " + String.join(", ", new TreeSet<>(allowed)) + ".");
        }
        if (allowed.contains("names")) names(settings, where);
    }

    /**
     * The pattern deployment names follow ({@code names:}), checked; by default
     * {@link DeploymentNames#DEFAULT_PATTERN}, which puts a named environment into every name.
     */
    public static String names(Settings settings, String where) {
        return DeploymentNames.checkPattern(settings.string("names").orElse(DeploymentNames.DEFAULT_PATTERN), where);
    }

    /** A required string setting, or an error that says where to add it. */
    public static String required(Settings settings, String key, String type, String example) {
        return settings.string(key).filter(s -> !s.isBlank()).orElseThrow(() -> new EngineException(
                "the " + type + " engine needs '" + key + "' in the engine: block of flows.yaml, e.g. " + key + ": " + example + "."));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Settings settings, String key, String type) {
        Object v = settings.values().get(key);
        if (v == null) return Map.of();
        if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new EngineException(ErrorCode.ENGINE_SETTINGS_INVALID, "the " + type + " engine's '" + key + "' must be a mapping, not " + describe(v) + ".");
    }

    static String describe(Object v) {
        return v instanceof List<?> ? "a list" : "'" + v + "'";
    }
}
