package dev.flowctl.drift;

import dev.flowctl.port.DriftDifference;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.SourcePosition;
import java.util.List;

/**
 * One drifted flow version, what kind of drift, and for MODIFIED what differs.
 *
 * @param engineRef the engine's handle (from state for MISSING, from the engine otherwise)
 * @param fix       what to do about it, one sentence
 * @param position  the version's key in flows.yaml, else its flow's; null when neither is written
 */
public record DriftEntry(FlowVersionAddress address, DriftKind kind, String engineRef,
                         List<DriftDifference> differences, String fix, SourcePosition position) {
    public DriftEntry {
        differences = List.copyOf(differences);
    }

    /** An entry not placed in flows.yaml. */
    public DriftEntry(FlowVersionAddress address, DriftKind kind, String engineRef, List<DriftDifference> differences, String fix) {
        this(address, kind, engineRef, differences, fix, null);
    }
}
