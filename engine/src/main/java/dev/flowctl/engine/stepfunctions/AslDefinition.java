package dev.flowctl.engine.stepfunctions;

import dev.flowctl.errors.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flowctl.plan.ContentHasher;
import dev.flowctl.port.EngineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** An Amazon States Language definition read from JSON or YAML, as the JSON Step Functions takes. */
record AslDefinition(String json) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    static AslDefinition read(Path file, String address) {
        return read(file, null, address);
    }

    /**
     * @param content the file's bytes as apply verified them against the plan, sent instead of reading
     *                the file again (which may have changed since); null reads {@code file}
     */
    static AslDefinition read(Path file, byte[] content, String address) {
        if (file == null) {
            throw new EngineException(ErrorCode.ENGINE_DEFINITION_INVALID, address + " has no definition: the stepfunctions engine deploys an Amazon States Language file;"
                    + " add definition: path/to/flow.asl.json (or .yaml) to the version in flows.yaml.");
        }
        try {
            String text = new String(content != null ? content : Files.readAllBytes(file), StandardCharsets.UTF_8);
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            JsonNode tree = name.endsWith(".yaml") || name.endsWith(".yml")
                    ? JSON.valueToTree(new Yaml(new SafeConstructor(new LoaderOptions())).load(text))
                    : JSON.readTree(text);
            if (tree == null || !tree.isObject() || !tree.has("States")) {
                throw new EngineException(ErrorCode.ENGINE_DEFINITION_INVALID, "the definition " + file + " of " + address + " is not a state machine: it needs"
                        + " StartAt and States at the top level.");
            }
            return new AslDefinition(JSON.writeValueAsString(tree));
        } catch (IOException e) {
            throw new EngineException("cannot read the definition " + file + " of " + address + ": " + e.getMessage()
                    + "; check that it is valid JSON or YAML.", e);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new EngineException(ErrorCode.ENGINE_DEFINITION_INVALID, "the definition " + file + " of " + address + " is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse("") + ".", e);
        }
    }

    /** The hash of a definition with keys sorted and whitespace dropped, so formatting never counts as drift. */
    static String canonicalHash(String json) {
        try {
            Object tree = JSON.readValue(json, Object.class);
            return ContentHasher.hash(JSON.writeValueAsBytes(tree));
        } catch (IOException e) {
            return ContentHasher.hash(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    String hash() {
        return canonicalHash(json);
    }
}
