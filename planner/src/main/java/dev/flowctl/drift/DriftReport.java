package dev.flowctl.drift;

import java.util.List;

/**
 * The serialisable result of {@code flowctl drift}: every renderer (text, Markdown, JSON) reads
 * only this. Drift is between state and the engine; unapplied spec changes are summarised
 * beside it but are not drift (plan and apply deal with them).
 *
 * @param stateSerial the serial of the state compared (0: nothing applied yet)
 */
public record DriftReport(int formatVersion, String project, String environment, String engineType, long stateSerial,
                          int managed, List<DriftEntry> drift, List<UnappliedChange> unapplied) {
    public static final int FORMAT_VERSION = 1;

    public DriftReport {
        drift = List.copyOf(drift);
        unapplied = List.copyOf(unapplied);
    }

    public boolean hasDrift() {
        return !drift.isEmpty();
    }

    public long count(DriftKind kind) {
        return drift.stream().filter(d -> d.kind() == kind).count();
    }
}
