package dev.flowctl.gateway.security;

import dev.flowctl.gateway.ops.RunEvents;
import com.google.rpc.Code;
import dev.flowctl.errors.ErrorCode;
import dev.flowctl.gateway.status.CodedStatus;
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

    /** Closes {@code call} with {@code status}, its flowctl code in an ErrorInfo, and reports a refused Start. */
    static void refuse(ServerCall<?, ?> call, Code code, ErrorCode error, String message, RunEvents events, long startedNanos) {
        Status status = CodedStatus.close(call, code, error, message);
        if (isStart(call)) {
            events.refused(null, null, status.getCode(), Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }
}
