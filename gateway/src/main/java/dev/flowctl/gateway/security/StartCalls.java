package dev.flowctl.gateway.security;

import dev.flowctl.gateway.ops.RunEvents;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;

import java.time.Duration;

/** Refusing a call from an interceptor, and reporting it as a refused run when it was a Start. */
final class StartCalls {
    private StartCalls() {
    }

    /** Every Start RPC: the generated {@code <package>.<Flow>Service/Start} ones and {@code flowctl.v1.Runs/Start}. */
    static boolean isStart(ServerCall<?, ?> call) {
        return "Start".equals(call.getMethodDescriptor().getBareMethodName());
    }

    static void refuse(ServerCall<?, ?> call, Status status, RunEvents events, long startedNanos) {
        call.close(status, new Metadata());
        if (isStart(call)) {
            events.refused(null, null, status.getCode(), Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }
}
