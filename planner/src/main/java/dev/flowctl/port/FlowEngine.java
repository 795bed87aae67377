package dev.flowctl.port;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.drift.DriftDetector;
import dev.flowctl.port.DriftDifference;
import dev.flowctl.port.RunInfo;
import dev.flowctl.port.RunRef;
import dev.flowctl.port.RunRequest;
import dev.flowctl.spec.FlowVersionAddress;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The port every flow engine adapter implements: deploy, delete and list flow versions. An
 * adapter changes or deletes only what it created for the request's {@link Owner}: it refuses a
 * create over an existing object, and an update or delete of an object not marked as the owner's.
 * Closing releases the adapter's clients.
 */
public interface FlowEngine extends AutoCloseable {
    /** The engine type as written in flows.yaml, e.g. {@code local}. */
    String type();

    /**
     * Creates ({@code request.update()} false) or updates one flow version and returns the engine's
     * reference to it. A create never turns into an update: when something already exists under
     * the version's name, it throws and points at {@code flowctl import}.
     */
    Deployment deploy(DeploymentRequest request);

    /** Removes one flow version of this owner; deleting what is already gone succeeds, another's is refused. */
    void delete(Owner owner, FlowVersionAddress address, String engineRef);

    /** Every flow version live for this owner (project and environment), for drift detection. */
    List<LiveFlowVersion> list(Owner owner);

    /** False for an engine configured without a way to list (a command engine with no {@code list:}). */
    default boolean canList() {
        return true;
    }

    /**
     * True when listing runs commands written in flows.yaml. Plan runs on pull requests, whose
     * flows.yaml anyone who can open one controls, so plan never lists such an engine.
     */
    default boolean listRunsSpecCommands() {
        return false;
    }

    /**
     * Takes over a deployment made outside flowctl ({@code flowctl import}): checks that what is
     * live at {@code engineRef} is the desired version and throws, saying what differs, if not.
     * Engines that mark their deployments (e.g. with tags) mark this one too.
     */
    default Deployment adopt(DeploymentRequest desired, String engineRef) {
        FlowVersionAddress a = desired.address();
        LiveFlowVersion live = list(desired.owner()).stream().filter(l -> l.engineRef().equals(engineRef)).findFirst()
                .orElseThrow(() -> new EngineException(ErrorCode.ENGINE_IMPORT_MISMATCH, "the " + type() + " engine has no deployment '" + engineRef
                        + "' for " + desired.owner().describe() + "; flowctl drift lists the unmanaged ones with their references."));
        if (!live.address().equals(a)) {
            throw new EngineException(ErrorCode.ENGINE_IMPORT_MISMATCH, "'" + engineRef + "' is " + live.address() + " in the " + type() + " engine, not " + a
                    + "; import it under that address.");
        }
        List<DriftDifference> differences = live.attributes().differencesFrom(desired.digest());
        if (!differences.isEmpty()) {
            throw new EngineException(ErrorCode.ENGINE_IMPORT_MISMATCH, "'" + engineRef + "' does not match " + a + " in flows.yaml: "
                    + differences.stream().map(d -> d.what() + " is " + d.live() + ", flows.yaml has " + d.applied())
                    .collect(Collectors.joining("; ")) + "; deploy it with apply instead of importing it.");
        }
        return new Deployment(live.engineRef());
    }

    /**
     * Starts a run of a deployed version and returns at once. A second start with the same
     * idempotency key starts nothing and returns the first run.
     */
    default RunRef start(RunRequest request) {
        throw cannotRun();
    }

    /** The run as the engine sees it now; an unknown run is an {@link EngineException} that says so. */
    default RunInfo describe(Owner owner, RunRef run) {
        throw cannotRun();
    }

    /** Asks the engine to stop the run; cancelling a run that has ended changes nothing. */
    default void cancel(Owner owner, RunRef run) {
        throw cannotRun();
    }

    /** The most recent runs of a deployed version ({@code engineRef} from state), newest first, at most {@code limit}. */
    default List<RunInfo> runs(Owner owner, FlowVersionAddress address, String engineRef, int limit) {
        throw cannotRun();
    }

    private EngineException cannotRun() {
        return new EngineException(ErrorCode.RUN_NOT_SUPPORTED, "the " + type() + " engine cannot start or follow runs; see docs/engines.md for the engines that can.");
    }

    /** Releases what the adapter opened (clients, connections); the default has nothing to release. */
    @Override
    default void close() {
    }
}
