package dev.flowctl.gateway;

import dev.flowctl.codegen.FlowsLock;
import dev.flowctl.spec.Spec;
import dev.flowctl.state.StateDocument;

/**
 * What the gateway serves, read at one moment: the spec (project, engine settings), the lock that
 * pins the contracts' numbers, and the applied state of the environment (null: nothing applied).
 */
public record Applied(Spec spec, String environment, FlowsLock lock, StateDocument state) {
}
