package dev.flowctl.engine.command;

import dev.flowctl.spec.Settings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code engine: { type: metaflow }}: the command engine with Metaflow's Step Functions
 * commands filled in, so a Metaflow team adopts flowctl without writing a script. Any key the
 * user sets (deploy, delete, list, python, timeout, env) wins over the preset.
 */
public final class MetaflowPreset {
    static final String DEPLOY = "{python} {source} --branch {version} step-functions create";
    static final String DELETE = "{python} {source} --branch {version} step-functions delete";

    private MetaflowPreset() {
    }

    /** The settings of a metaflow engine with the preset's commands under the user's. */
    public static Settings apply(Settings user) {
        String python = user.string("python").orElse("python");
        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put("deploy", DEPLOY.replace("{python}", CommandLineTemplate.quote(python)));
        merged.put("delete", DELETE.replace("{python}", CommandLineTemplate.quote(python)));
        merged.putAll(user.values());
        return new Settings(merged);
    }
}
