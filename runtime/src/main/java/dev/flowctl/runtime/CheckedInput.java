package dev.flowctl.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An input that passed its version's schema, in the canonical engine JSON (docs/calling-flows.md):
 * flows.yaml spellings, defaults applied, nothing the schema does not know. Only
 * {@link InputSchema#check} makes one; treat {@link #json()} as read-only.
 */
public record CheckedInput(ObjectNode json) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The canonical JSON as text, what the engine receives as the run's input. */
    public String text() {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a checked input could not be written as JSON", e);
        }
    }
}
