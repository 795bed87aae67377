package dev.flowctl.state;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The last applied state. {@code lineage} is fixed when the state is first written and
 * {@code serial} grows by one on every write, so a saved plan can tell it has gone stale.
 *
 * @param environment the environment the state was created for ({@link #DEFAULT_ENVIRONMENT} without -e); null in
 *                    states written before flowctl recorded it, which are accepted for any environment
 */
public record StateDocument(int formatVersion, String lineage, long serial, String toolVersion, String project,
                            String environment, Map<String, DeployedVersion> versions, Map<String, Tombstone> tombstones) {
    /** The format this flowctl writes; a higher one on disk is refused, never overwritten. */
    public static final int FORMAT_VERSION = 1;
    /** What state records for the environment a run without -e uses; not a valid environment name in flows.yaml. */
    public static final String DEFAULT_ENVIRONMENT = "(default)";

    public StateDocument {
        versions = Collections.unmodifiableMap(new TreeMap<>(versions == null ? Map.of() : versions));
        tombstones = Collections.unmodifiableMap(new TreeMap<>(tombstones == null ? Map.of() : tombstones));
    }

    /** A state that records no environment, as written before flowctl recorded it. */
    public StateDocument(int formatVersion, String lineage, long serial, String toolVersion, String project,
                         Map<String, DeployedVersion> versions, Map<String, Tombstone> tombstones) {
        this(formatVersion, lineage, serial, toolVersion, project, null, versions, tombstones);
    }

    /** A state with nothing deployed yet that records no environment; its lineage is chosen now. */
    public static StateDocument empty(String project, String toolVersion) {
        return new StateDocument(FORMAT_VERSION, UUID.randomUUID().toString(), 0, toolVersion, project, null, Map.of(), Map.of());
    }

    /** A state with nothing deployed yet for {@code environment} (null: the default one); its lineage is chosen now. */
    public static StateDocument empty(String project, String environment, String toolVersion) {
        return new StateDocument(FORMAT_VERSION, UUID.randomUUID().toString(), 0, toolVersion, project,
                recordedEnvironment(environment), Map.of(), Map.of());
    }

    /** What state records for the environment named by -e (null: none given). */
    public static String recordedEnvironment(String environment) {
        return environment == null ? DEFAULT_ENVIRONMENT : environment;
    }

    public StateDocument withVersion(DeployedVersion v) {
        Map<String, DeployedVersion> next = new TreeMap<>(versions);
        next.put(v.address(), v);
        Map<String, Tombstone> graves = new TreeMap<>(tombstones);
        graves.remove(v.address());
        return new StateDocument(formatVersion, lineage, serial, toolVersion, project, environment, next, graves);
    }

    public StateDocument withoutVersion(String address, java.time.Instant deletedAt) {
        DeployedVersion gone = versions.get(address);
        if (gone == null) return this;
        Map<String, DeployedVersion> next = new TreeMap<>(versions);
        next.remove(address);
        Map<String, Tombstone> graves = new TreeMap<>(tombstones);
        graves.put(address, new Tombstone(gone.flow(), gone.version(), deletedAt, gone.schema()));
        return new StateDocument(formatVersion, lineage, serial, toolVersion, project, environment, next, graves);
    }

    /**
     * {@code from} recorded as {@code to} instead ({@code moved:}): the engine deployment keeps its reference,
     * and {@code from} is not tombstoned, since nothing was deleted. Unchanged when {@code from} is not recorded.
     */
    public StateDocument withMoved(String from, String newFlow, String newVersion) {
        DeployedVersion moving = versions.get(from);
        if (moving == null) return this;
        Map<String, DeployedVersion> next = new TreeMap<>(versions);
        next.remove(from);
        DeployedVersion moved = moving.movedTo(newFlow, newVersion);
        next.put(moved.address(), moved);
        return new StateDocument(formatVersion, lineage, serial, toolVersion, project, environment, next, tombstones);
    }

    /**
     * State without {@code address}, and without a tombstone for it ({@code removed:}, {@code flowctl state rm}):
     * the engine still runs it, so its name is not retired.
     */
    public StateDocument withForgotten(String address) {
        if (!versions.containsKey(address)) return this;
        Map<String, DeployedVersion> next = new TreeMap<>(versions);
        next.remove(address);
        return new StateDocument(formatVersion, lineage, serial, toolVersion, project, environment, next, tombstones);
    }

    /** The same state under another serial (after a restore, to continue above every kept version). */
    public StateDocument withSerial(long newSerial) {
        return new StateDocument(formatVersion, lineage, newSerial, toolVersion, project, environment, versions, tombstones);
    }

    /** This state as it is written next: serial + 1, stamped with the writing tool's version. */
    public StateDocument nextSerial(String writerVersion) {
        return new StateDocument(FORMAT_VERSION, lineage, serial + 1, writerVersion, project, environment, versions, tombstones);
    }
}
