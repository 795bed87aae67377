package dev.flowctl.port;

import dev.flowctl.spec.FlowVersionAddress;

/**
 * A started run: the flow version it runs and the engine's id for it (a Step Functions execution
 * ARN, a local run id), which is what describe, cancel and a caller's later calls use.
 */
public record RunRef(FlowVersionAddress address, String runId) {
}
