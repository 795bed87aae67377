package dev.flowctl.apply;

import dev.flowctl.spec.FlowVersionAddress;
import java.util.List;

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
}
