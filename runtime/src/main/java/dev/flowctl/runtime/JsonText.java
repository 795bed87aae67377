package dev.flowctl.runtime;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads an input's JSON text the one way every caller does ({@code flowctl run --input}, the
 * gateway's JSON Start, {@link InputSchema#parseJson}): exactly one JSON value. Jackson's readTree
 * stops after the first value, so {@code {"a":1} trailing} would start a run with {"a":1}.
 */
public final class JsonText {
    /** What a text with more than whitespace after its value is refused with (Python's runtime says the same). */
    public static final String TRAILING = "Unexpected content after the JSON value (only whitespace may follow it)";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonText() {
    }

    /**
     * The one JSON value of {@code text}, null when it holds none (blank). Throws Jackson's
     * exception, with the location of the offending token, on text that is no JSON or has
     * anything but whitespace after its value.
     */
    public static JsonNode read(String text) throws JsonProcessingException {
        return read(MAPPER, text);
    }

    /** {@link #read(String)} with {@code mapper}'s parser features (a caller may refuse duplicate members, say). */
    public static JsonNode read(ObjectMapper mapper, String text) throws JsonProcessingException {
        try (JsonParser p = mapper.createParser(text)) {
            JsonNode node = mapper.readTree(p);
            if (node != null && p.nextToken() != null) throw new JsonParseException(p, TRAILING, p.currentTokenLocation());
            return node;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from a string failed", e); // a String reader never fails
        }
    }
}
