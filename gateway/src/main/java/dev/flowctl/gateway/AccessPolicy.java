package dev.flowctl.gateway;

import dev.flowctl.spec.FlowVersionAddress;
import io.grpc.StatusRuntimeException;

/**
 * Decides whether the current call may act on a flow version, before anything is read or started:
 * the seam for per-flow permissions (dev.flowctl.gateway.security), which knows the caller from the
 * {@link io.grpc.Context} its interceptor filled. Called for every RPC that names a version.
 */
@FunctionalInterface
public interface AccessPolicy {
    /** @throws StatusRuntimeException (PERMISSION_DENIED, UNAUTHENTICATED) to refuse */
    void check(FlowVersionAddress address);

    /** Everything allowed: the default on loopback, where the security layer adds nothing. */
    static AccessPolicy allowAll() {
        return address -> {
        };
    }
}
