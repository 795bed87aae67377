package dev.flowctl.state;

import java.util.Optional;

/** Reads the current state; empty when none was ever written. */
public interface StateReader {
    Optional<StoredState> read();

    /**
     * A token that changes whenever the current state does, null when there is none, for a reader that
     * polls (the gateway's live reload): backends answer it without reading the state (a file's
     * attributes, an S3 HEAD for the ETag). It says only "changed or not"; compare it, never parse it.
     */
    default String fingerprint() {
        return read().map(StoredState::etag).orElse(null);
    }
}
