package dev.flowctl.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A JSON document in one spelling (compact, object keys sorted), carried as text so plans and engine
 * requests hold no parser types and two equal documents are equal strings.
 */
public record CanonicalJson(String text) {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    public CanonicalJson {
        if (text == null || text.isEmpty()) throw new IllegalArgumentException("canonical JSON needs a document");
    }

    /** The canonical spelling of {@code node}. */
    public static CanonicalJson of(JsonNode node) {
        try {
            // Through plain maps, which the mapper writes with sorted keys (it does not sort a tree's fields).
            Object plain = CANONICAL.treeToValue(node, Object.class);
            return new CanonicalJson(CANONICAL.writeValueAsString(plain));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The canonical spelling of JSON {@code text}; throws IllegalArgumentException when it is not JSON. */
    public static CanonicalJson parse(String text) {
        try {
            return of(CANONICAL.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
