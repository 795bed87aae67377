package dev.flowctl.state;

import java.util.Optional;

/** Reads the current state; empty when none was ever written. */
public interface StateReader {
    Optional<StoredState> read();
}
