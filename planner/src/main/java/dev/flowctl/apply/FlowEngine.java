package dev.flowctl.apply;

import dev.flowctl.drift.DriftDetector;
import dev.flowctl.drift.DriftDifference;
import dev.flowctl.spec.FlowVersionAddress;
import java.util.List;
import java.util.stream.Collectors;

/** The port every flow engine adapter implements: deploy, delete and list flow versions. */
public interface FlowEngine {
    /** The engine type as written in flows.yaml, e.g. {@code local}. */
    String type();

    /** Creates or updates one flow version and returns the engine's reference to it. */
    Deployment deploy(DeploymentRequest request);

    /** Removes one flow version; deleting what is already gone succeeds. */
    void delete(String project, FlowVersionAddress address, String engineRef);

    /** Every flow version live for this project, for drift detection. */
    List<LiveFlowVersion> list(String project);

    /** False for an engine configured without a way to list (a command engine with no {@code list:}). */
    default boolean canList() {
        return true;
    }

    /**
     * Takes over a deployment made outside flowctl ({@code flowctl import}): checks that what is
     * live at {@code engineRef} is the desired version and throws, saying what differs, if not.
     * Engines that mark their deployments (e.g. with tags) mark this one too.
     */
    default Deployment adopt(DeploymentRequest desired, String engineRef) {
        FlowVersionAddress a = desired.version().address();
        LiveFlowVersion live = list(desired.project()).stream().filter(l -> l.engineRef().equals(engineRef)).findFirst()
                .orElseThrow(() -> new EngineException("the " + type() + " engine has no deployment '" + engineRef
                        + "' for project " + desired.project() + "; flowctl drift lists the unmanaged ones with their references."));
        if (!live.address().equals(a)) {
            throw new EngineException("'" + engineRef + "' is " + live.address() + " in the " + type() + " engine, not " + a
                    + "; import it under that address.");
        }
        List<DriftDifference> differences = DriftDetector.compare(desired.digest(), live);
        if (!differences.isEmpty()) {
            throw new EngineException("'" + engineRef + "' does not match " + a + " in flows.yaml: "
                    + differences.stream().map(d -> d.what() + " is " + d.live() + ", flows.yaml has " + d.applied())
                    .collect(Collectors.joining("; ")) + "; deploy it with apply instead of importing it.");
        }
        return new Deployment(live.engineRef());
    }
}
