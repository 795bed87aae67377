package dev.flowctl.apply;

import dev.flowctl.spec.FlowVersionAddress;
import java.util.Map;

/** One flow version as the engine sees it, with what drift detection compares. */
public record LiveFlowVersion(FlowVersionAddress address, String engineRef, Map<String, String> attributes) {
    public LiveFlowVersion {
        attributes = Map.copyOf(attributes);
    }
}
