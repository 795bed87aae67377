package dev.flowctl.state;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The last applied state. {@code lineage} is fixed when the state is first written and
 * {@code serial} grows by one on every write, so a saved plan can tell it has gone stale.
 */
public record StateDocument(int formatVersion, String lineage, long serial, String toolVersion, String project,
                            Map<String, DeployedVersion> versions, Map<String, Tombstone> tombstones) {
    /** The format this flowctl writes; a higher one on disk is refused, never overwritten. */
    public static final int FORMAT_VERSION = 1;

    public StateDocument {
        versions = Collections.unmodifiableMap(new TreeMap<>(versions == null ? Map.of() : versions));
        tombstones = Collections.unmodifiableMap(new TreeMap<>(tombstones == null ? Map.of() : tombstones));
    }

    /** A state with nothing deployed yet; its lineage is chosen now. */
    public static StateDocument empty(String project, String toolVersion) {
        return new StateDocument(FORMAT_VERSION, UUID.randomUUID().toString(), 0, toolVersion, project, Map.of(), Map.of());
    }

    public StateDocument withVersion(DeployedVersion v) {
        Map<String, DeployedVersion> next = new TreeMap<>(versions);
        next.put(v.address(), v);
        Map<String, Tombstone> graves = new TreeMap<>(tombstones);
        graves.remove(v.address());
        return new StateDocument(formatVersion, lineage, serial, toolVersion, project, next, graves);
    }

    public StateDocument withoutVersion(String address, java.time.Instant deletedAt) {
        DeployedVersion gone = versions.get(address);
        if (gone == null) return this;
        Map<String, DeployedVersion> next = new TreeMap<>(versions);
        next.remove(address);
        Map<String, Tombstone> graves = new TreeMap<>(tombstones);
        graves.put(address, new Tombstone(gone.flow(), gone.version(), deletedAt, gone.schema()));
        return new StateDocument(formatVersion, lineage, serial, toolVersion, project, next, graves);
    }

    /** This state as it is written next: serial + 1, stamped with the writing tool's version. */
    public StateDocument nextSerial(String writerVersion) {
        return new StateDocument(FORMAT_VERSION, lineage, serial + 1, writerVersion, project, versions, tombstones);
    }
}
