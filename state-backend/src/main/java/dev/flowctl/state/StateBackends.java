package dev.flowctl.state;

import dev.flowctl.state.local.LocalStateBackend;
import java.nio.file.Path;
import java.util.Map;

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
            case "local" -> new LocalStateBackend(baseDir.resolve(String.valueOf(settings.getOrDefault("path", defaultPath))));
            default -> throw new StateException("unknown state backend '" + backend + "'; use local.");
        };
    }

    /** A {@code --state} override: a path, {@code file:PATH}. */
    public static StateBackend fromUri(String uri, Path baseDir) {
        if (uri.startsWith("s3://")) {
            throw new StateException("the S3 state backend is not available in this build; use a local path.");
        }
        String path = uri.startsWith("file:") ? uri.substring("file:".length()) : uri;
        return new LocalStateBackend(baseDir.resolve(path));
    }
}
