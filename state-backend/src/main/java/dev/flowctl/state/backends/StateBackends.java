package dev.flowctl.state.backends;

import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateException;
import dev.flowctl.errors.ErrorCode;
import dev.flowctl.state.local.LocalStateBackend;
import dev.flowctl.state.s3.S3Location;
import dev.flowctl.state.s3.S3StateBackend;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/** Opens the backend that {@code state:} settings or a {@code --state} URI name. */
public final class StateBackends {
    /** The local state file, relative to the directory of flows.yaml. */
    public static final String DEFAULT_LOCAL_PATH = ".flowctl/state.json";

    private StateBackends() {
    }

    /**
     * @param settings the effective {@code state:} block (after environment overrides)
     * @param baseDir  the directory of flows.yaml, against which relative paths resolve
     * @param defaultPath the local path when settings name none
     */
    public static StateBackend fromSettings(Map<String, Object> settings, Path baseDir, String defaultPath) {
        String backend = String.valueOf(settings.getOrDefault("backend", "local"));
        return switch (backend) {
            // flowctl creates its own .flowctl/ directory; a directory the user named must already exist.
            case "local" -> settings.get("path") == null ? new LocalStateBackend(baseDir.resolve(defaultPath), true)
                    : new LocalStateBackend(baseDir.resolve(String.valueOf(settings.get("path"))), false);
            case "s3" -> new S3StateBackend(S3Location.fromSettings(settings));
            default -> throw new StateException(ErrorCode.STATE_LOCATION_INVALID, "unknown state backend '" + backend + "'; use local or s3.");
        };
    }

    /**
     * Where {@code settings} put the state (a path or an s3:// URI, with its endpoint if any),
     * without connecting to anything: to tell whether two environments share one state.
     */
    public static String locationOf(Map<String, Object> settings, Path baseDir, String defaultPath) {
        String backend = String.valueOf(settings.getOrDefault("backend", "local"));
        if (!"s3".equals(backend)) {
            return baseDir.resolve(String.valueOf(settings.getOrDefault("path", defaultPath))).toAbsolutePath().normalize().toString();
        }
        S3Location where = S3Location.fromSettings(settings);
        return where.uri() + (where.endpoint() == null ? "" : " at " + where.endpoint());
    }

    /** A {@code --state} override: a path, {@code file:PATH} or {@code s3://bucket/key}. */
    public static StateBackend fromUri(String uri, Path baseDir) {
        return fromUri(uri, baseDir, Map.of());
    }

    /**
     * A {@code --state} override; an {@code s3://} URI takes region, endpoint, profile and KMS key
     * from {@code settings} when they configure the s3 backend, else from the AWS environment.
     * Anything else with a scheme ({@code S3://}, {@code s3:/}, {@code ftp://}) is refused: taken as a
     * path, it would name a fresh local state.
     */
    public static StateBackend fromUri(String uri, Path baseDir, Map<String, Object> settings) {
        if (uri.startsWith("s3://")) return new S3StateBackend(S3Location.fromUri(uri, settings));
        if (uri.startsWith("file:") && uri.length() > "file:".length()) {
            return new LocalStateBackend(baseDir.resolve(uri.substring("file:".length())), false);
        }
        if (SCHEME.matcher(uri).lookingAt() || uri.isBlank()) {
            throw new StateException(ErrorCode.STATE_LOCATION_INVALID, "--state " + uri + " is not a state location flowctl knows; write s3://BUCKET/KEY, "
                    + "file:PATH or a local path.");
        }
        return new LocalStateBackend(baseDir.resolve(uri), false);
    }

    /** A URI scheme: a letter, then letters, digits, + - or ., then a colon. */
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");
}
