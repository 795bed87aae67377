package dev.flowctl.port;

import dev.flowctl.spec.FlowVersionAddress;
import java.util.Objects;

/** One flow version as the engine sees it, with what drift detection compares. */
public record LiveFlowVersion(FlowVersionAddress address, String engineRef, LiveAttributes attributes) {
    public LiveFlowVersion {
        Objects.requireNonNull(attributes, "attributes");
    }
}
