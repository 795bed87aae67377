package dev.flowctl.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A flow version that was deleted; its name may never be deployed again. */
public record Tombstone(String flow, String version, Instant deletedAt, JsonNode lastSchema) {
    public String address() {
        return flow + "@" + version;
    }
}
