package dev.flowctl.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** State and lock documents to and from JSON; refuses formats newer than this flowctl knows. */
public final class StateCodec {
    public static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private StateCodec() {
    }

    public static byte[] encode(Object value) {
        try {
            return (JSON.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("state could not be serialised", e);
        }
    }

    /**
     * Decodes a state document; {@code where} names it in messages. Binds in one pass (state of a
     * large project is megabytes); only a document that does not bind is read again as a tree, to
     * say whether it is newer, not flowctl's, or damaged.
     */
    public static StateDocument decodeState(byte[] bytes, String where) {
        StateDocument doc;
        try {
            doc = JSON.readValue(bytes, StateDocument.class);
        } catch (IOException | IllegalArgumentException e) {
            throw diagnose(bytes, where, e);
        }
        if (doc == null || doc.formatVersion() <= 0 || doc.formatVersion() > StateDocument.FORMAT_VERSION) {
            throw diagnose(bytes, where, null);
        }
        return doc;
    }

    private static StateException diagnose(byte[] bytes, String where, Exception bindFailure) {
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (IOException e) {
            return new StateException("state at " + where + " is not valid JSON (" + firstLine(e.getMessage())
                    + "); restore it from backup or history, flowctl will not overwrite it.");
        }
        if (tree == null || !tree.isObject() || !tree.path("formatVersion").canConvertToInt()
                || tree.path("formatVersion").asInt() <= 0) {
            return new StateException("state at " + where + " is not a flowctl state file (no formatVersion); "
                    + "point --state at the right file, flowctl will not overwrite it.");
        }
        int format = tree.get("formatVersion").asInt();
        if (format > StateDocument.FORMAT_VERSION) {
            return new StateException("state at " + where + " has format " + format + ", written by a newer flowctl ("
                    + tree.path("toolVersion").asText("unknown") + "); upgrade flowctl to read it.");
        }
        return new StateException("state at " + where + " is damaged ("
                + (bindFailure == null ? "unknown error" : firstLine(bindFailure.getMessage()))
                + "); restore it from backup or history, flowctl will not overwrite it.");
    }

    public static LockInfo decodeLock(byte[] bytes, String where) {
        try {
            return JSON.readValue(bytes, LockInfo.class);
        } catch (IOException e) {
            throw new StateException("lock at " + where + " is not readable (" + firstLine(e.getMessage())
                    + "); if no run is active, delete it.");
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
