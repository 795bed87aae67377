package dev.flowctl.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A JSON document in one spelling (compact, object keys sorted), carried as text so plans, engine
 * requests and state records hold no parser types and two equal documents are equal strings.
 * A class, not a record: a record's public constructor would take any text, and equality is only
 * meaningful when every instance went through {@link #of} or {@link #parse}.
 */
public final class CanonicalJson {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    /** How state, planfiles, engines and the schema reader have always parsed a schema: floats as doubles. */
    private static final ObjectMapper TREES = new ObjectMapper();

    private final String text;

    private CanonicalJson(String text) {
        this.text = text;
    }

    /** The canonical spelling of {@code node}. */
    public static CanonicalJson of(JsonNode node) {
        if (node == null || node.isMissingNode()) throw new IllegalArgumentException("canonical JSON needs a document");
        try {
            // Through plain maps, which the mapper writes with sorted keys (it does not sort a tree's fields).
            Object plain = CANONICAL.treeToValue(node, Object.class);
            return new CanonicalJson(CANONICAL.writeValueAsString(plain));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The canonical spelling of JSON {@code text}; throws IllegalArgumentException when it is not JSON.
     * Read as state files and planfiles are read (floats as doubles), so {@code 1.0} stays {@code 1.0}
     * either way; a BigDecimal tree would strip it to {@code 1}.
     */
    public static CanonicalJson parse(String text) {
        try {
            JsonNode node = text == null ? null : TREES.readTree(text);
            if (node == null || node.isMissingNode()) throw new IllegalArgumentException("canonical JSON needs a document");
            return of(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The compact, key-sorted text. */
    public String text() {
        return text;
    }

    /** A fresh tree of the document, for code that walks it (floats as doubles); changing it changes nothing here. */
    public JsonNode tree() {
        try {
            return TREES.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("canonical JSON no longer parses: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CanonicalJson other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
