package dev.flowctl.drift;

import dev.flowctl.port.DriftDifference;
import dev.flowctl.spec.FlowVersionAddress;
import java.util.List;

/**
 * One drifted flow version, what kind of drift, and for MODIFIED what differs.
 *
 * @param engineRef the engine's handle (from state for MISSING, from the engine otherwise)
 * @param fix       what to do about it, one sentence
 */
public record DriftEntry(FlowVersionAddress address, DriftKind kind, String engineRef,
                         List<DriftDifference> differences, String fix) {
    public DriftEntry {
        differences = List.copyOf(differences);
    }
}
