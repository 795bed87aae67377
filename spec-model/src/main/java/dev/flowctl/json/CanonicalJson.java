package dev.flowctl.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

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
        if (!writable(node)) return new CanonicalJson(viaPlainValues(node));
        java.io.StringWriter out = new java.io.StringWriter(256);
        try (JsonGenerator gen = CANONICAL.createGenerator(out)) {
            write(node, gen);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
        return new CanonicalJson(out.toString());
    }

    /**
     * The spelling {@link #write} must reproduce: the tree as plain maps, lists and numbers (floats as
     * BigDecimal), written by the mapper with sorted keys (it does not sort a tree's fields).
     */
    static String viaPlainValues(JsonNode node) {
        try {
            Object plain = CANONICAL.treeToValue(node, Object.class);
            return CANONICAL.writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** True when every node is one {@link #write} spells as {@link #viaPlainValues} does (NaN, binary and POJO nodes are not). */
    private static boolean writable(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT, ARRAY:
                for (JsonNode child : node) {
                    if (!writable(child)) return false;
                }
                return true;
            case STRING, BOOLEAN, NULL:
                return true;
            case NUMBER:
                return node.isIntegralNumber() || node.isBigDecimal() || Double.isFinite(node.doubleValue());
            default:
                return false;
        }
    }

    /**
     * Writes the tree straight to text, keys sorted as a TreeMap sorts them and floats as the BigDecimal
     * that {@link #viaPlainValues} makes of them. Canonicalising every schema of a large state through
     * plain maps took a third of reading it.
     */
    private static void write(JsonNode node, JsonGenerator gen) throws java.io.IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                gen.writeStartObject();
                List<String> names = new ArrayList<>(node.size());
                node.fieldNames().forEachRemaining(names::add);
                java.util.Collections.sort(names);
                for (String name : names) {
                    gen.writeFieldName(name);
                    write(node.get(name), gen);
                }
                gen.writeEndObject();
            }
            case ARRAY -> {
                gen.writeStartArray();
                for (JsonNode item : node) write(item, gen);
                gen.writeEndArray();
            }
            case STRING -> gen.writeString(node.textValue());
            case BOOLEAN -> gen.writeBoolean(node.booleanValue());
            case NULL -> gen.writeNull();
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    if (node.isBigInteger()) gen.writeNumber(node.bigIntegerValue());
                    else if (node.isLong()) gen.writeNumber(node.longValue());
                    else gen.writeNumber(node.intValue());
                } else {
                    gen.writeNumber(node.isBigDecimal() ? node.decimalValue() : BigDecimal.valueOf(node.doubleValue()));
                }
            }
            default -> throw new IllegalStateException("not a JSON value: " + node.getNodeType());
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
