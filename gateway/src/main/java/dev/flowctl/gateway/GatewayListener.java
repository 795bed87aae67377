package dev.flowctl.gateway;

import java.util.List;

/**
 * Hooks for what happens in the gateway, for logs and metrics (dev.flowctl.gateway.ops). Called on
 * gRPC threads: implementations are thread-safe and quick. Every method does nothing by default.
 */
public interface GatewayListener {
    /** A Start (a flow service's or Runs/Start) started a run. */
    default void runStarted(StartEvent event) {
    }

    /** A Start was refused or failed; {@code event.outcome()} says how. No run was started. */
    default void runRefused(StartEvent event) {
    }

    /**
     * A Start named a version whose applied {@code deprecated:} block is {@code deprecation}; called
     * before the call is answered, whatever its outcome. The caller got the {@code flowctl-deprecated} header.
     */
    default void deprecatedCalled(dev.flowctl.spec.FlowVersionAddress address, dev.flowctl.spec.Deprecation deprecation, String caller) {
    }

    /** The gateway now serves these versions ({@code flow@version}), from state with this serial (-1: none). */
    default void served(List<String> versions, long serial) {
    }

    /** State changed but could not be served; the gateway keeps serving what it served. */
    default void reloadFailed(String message) {
    }

    /** Calls every listener in turn. */
    static GatewayListener all(List<GatewayListener> listeners) {
        List<GatewayListener> copy = List.copyOf(listeners);
        return new GatewayListener() {
            @Override
            public void runStarted(StartEvent event) {
                copy.forEach(l -> l.runStarted(event));
            }

            @Override
            public void runRefused(StartEvent event) {
                copy.forEach(l -> l.runRefused(event));
            }

            @Override
            public void deprecatedCalled(dev.flowctl.spec.FlowVersionAddress address, dev.flowctl.spec.Deprecation deprecation,
                                         String caller) {
                copy.forEach(l -> l.deprecatedCalled(address, deprecation, caller));
            }

            @Override
            public void served(List<String> versions, long serial) {
                copy.forEach(l -> l.served(versions, serial));
            }

            @Override
            public void reloadFailed(String message) {
                copy.forEach(l -> l.reloadFailed(message));
            }
        };
    }
}
