package dev.flowctl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decoding checks each recorded schema on the tree it was read from; the reference is the check
 * that parses the schema's canonical text again (as before), and both give the same verdict.
 */
class StateDocumentCheckTest {
    private static final List<String> SCHEMAS = List.of(
            "[]",
            "[{\"name\": \"a\", \"type\": {\"kind\": \"string\"}}]",
            "[{\"type\": {\"kind\": \"string\"}, \"name\": \"b\", \"required\": true, \"default\": 1.0}]",
            "[{\"name\": \"n\", \"type\": {\"kind\": \"int\"}, \"default\": 123456789012345678901234}]",
            "[{\"name\": \"e\", \"type\": {\"kind\": \"enum\", \"values\": [\"x\", \"y\"]}}]",
            "[{\"name\": \"e\", \"type\": {\"kind\": \"enum\", \"values\": [\"x\", 2]}}]",
            "[{\"name\": \"l\", \"type\": {\"kind\": \"list\", \"element\": {\"kind\": \"date\"}}}]",
            "[{\"name\": \"l\", \"type\": {\"kind\": \"list\"}}]",
            "[{\"name\": \"m\", \"type\": {\"kind\": \"map\", \"key\": {\"kind\": \"string\"}, \"value\": {\"kind\": \"float\"}}}]",
            "[{\"name\": \"m\", \"type\": {\"kind\": \"map\", \"key\": {\"kind\": \"string\"}}}]",
            "[{\"name\": \"s\", \"type\": {\"kind\": \"struct\", \"fields\": [{\"name\": \"x\", \"type\": {\"kind\": \"bool\"}}]}}]",
            "[{\"name\": \"s\", \"type\": {\"kind\": \"struct\"}}]",
            "[{\"name\": \"c\", \"type\": {\"kind\": \"custom\", \"name\": \"t\", \"base\": \"int\", \"min\": 1, \"max\": 9.5}}]",
            "[{\"name\": \"c\", \"type\": {\"kind\": \"custom\", \"name\": \"t\", \"base\": \"int\", \"min\": \"low\"}}]",
            "[{\"name\": \"c\", \"type\": {\"kind\": \"custom\", \"base\": \"int\"}}]",
            "[{\"name\": \"p\", \"type\": {\"kind\": \"strang\"}}]",
            "[{\"name\": \"\", \"type\": {\"kind\": \"string\"}}]",
            "[{\"name\": \"q\"}]",
            "[1]",
            "{\"name\": \"a\"}",
            "\"text\"",
            "null");

    @Test
    void theTreeReadDuringDecodeGivesTheVerdictTheReparsedTextGives() throws IOException {
        for (String schema : SCHEMAS) {
            for (String where : List.of("schema", "history", "tombstone")) {
                String json = state(schema, where);
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                StateDocument bound = StateCodec.JSON.readerFor(StateDocument.class).readValue(bytes);
                String reference = StateDocumentCheck.firstProblem(bound);
                String verdict;
                try {
                    StateCodec.decodeState(bytes, "state.json");
                    verdict = null;
                } catch (StateException e) {
                    verdict = e.getMessage();
                }
                String expected = reference == null ? null : "state at state.json is damaged (" + reference + "); " + StateCodec.RESTORE;
                assertEquals(expected, verdict, json);
            }
        }
        assertNotNull(StateDocumentCheck.firstProblem(StateCodec.JSON.readerFor(StateDocument.class)
                .readValue(state("[1]", "schema").getBytes(StandardCharsets.UTF_8))), "the reference finds damage");
    }

    private static String state(String schema, String where) {
        String good = "[{\"name\": \"a\", \"type\": {\"kind\": \"string\"}}]";
        String version = "{\"flow\": \"f\", \"version\": \"v1\", \"sourceHash\": \"s\", \"engineType\": \"local\", \"engineSettingsHash\": \"e\","
                + " \"engineRef\": \"r\", \"deployedAt\": \"2026-01-01T00:00:00Z\", \"schema\": " + (where.equals("schema") ? schema : good)
                + (where.equals("history") ? ", \"schemaHistory\": [" + schema + "]" : "") + "}";
        String tombstones = where.equals("tombstone")
                ? ", \"tombstones\": {\"g@v1\": {\"flow\": \"g\", \"version\": \"v1\", \"deletedAt\": \"2026-01-02T00:00:00Z\", \"lastSchema\": " + schema + "}}"
                : "";
        return "{\"formatVersion\": 1, \"lineage\": \"l\", \"serial\": 1, \"project\": \"p\", \"versions\": {\"f@v1\": " + version + "}"
                + tombstones + "}";
    }
}
