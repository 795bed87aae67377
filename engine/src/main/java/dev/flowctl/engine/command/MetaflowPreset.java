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
    /** Metaflow writes the id of the run it triggered (e.g. sfn-…) to the file; the inputs follow as --name value options. */
    static final String RUN = "{python} {source} --branch {version} step-functions trigger --run-id-file {run_id_file}";
    static final String CANCEL = "{python} {source} --branch {version} step-functions terminate {run}";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private MetaflowPreset() {
    }

    /** The settings of a metaflow engine with the preset's commands under the user's. */
    public static Settings apply(Settings user) {
        String python = user.string("python").orElse("python");
        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put("deploy", DEPLOY.replace("{python}", CommandLineTemplate.quote(python)));
        merged.put("delete", DELETE.replace("{python}", CommandLineTemplate.quote(python)));
        merged.put("run", RUN.replace("{python}", CommandLineTemplate.quote(python)));
        merged.put("cancel", CANCEL.replace("{python}", CommandLineTemplate.quote(python)));
        merged.putAll(user.values());
        return new Settings(merged);
    }

    /**
     * The run's inputs as Metaflow parameters: {@code --name value}, a string as it is and anything else as JSON
     * (what a {@code JSONType} parameter reads). Each value is one argument word; no shell reads them.
     */
    public static java.util.List<String> triggerArguments(String inputJson) {
        java.util.List<String> args = new java.util.ArrayList<>();
        try {
            JSON.readTree(inputJson).fields().forEachRemaining(e -> {
                if (e.getValue().isNull()) return;
                args.add("--" + e.getKey());
                args.add(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new dev.flowctl.port.EngineException("the run input is not a JSON object (" + e.getOriginalMessage() + ").", e);
        }
        return args;
    }
}
