package dev.flowctl.state;

import dev.flowctl.json.CanonicalJson;
import java.time.Instant;

/** A flow version that was deleted; its name may never be deployed again. */
public record Tombstone(String flow, String version, Instant deletedAt, CanonicalJson lastSchema) {
    public String address() {
        return flow + "@" + version;
    }
}
