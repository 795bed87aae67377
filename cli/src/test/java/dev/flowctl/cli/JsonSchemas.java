package dev.flowctl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The committed JSON Schemas of the repository, validated with a real draft 2020-12 validator. */
final class JsonSchemas {
    static final ObjectMapper JSON = new ObjectMapper();

    private JsonSchemas() {
    }

    /** The repository root: the parent of the cli module the tests run in. */
    static Path repo() {
        Path cwd = Path.of("").toAbsolutePath();
        return Files.exists(cwd.resolve("flows.yaml.example")) ? cwd : cwd.getParent();
    }

    static JsonSchema load(String relative) {
        try {
            JsonNode schema = JSON.readTree(Files.readString(repo().resolve(relative)));
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every problem as "path: message"; empty when valid. */
    static List<String> problems(JsonSchema schema, JsonNode document) {
        return schema.validate(document).stream().map(ValidationMessage::toString).sorted().toList();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
