package dev.flowctl.gateway.status;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import dev.flowctl.errors.ErrorCode;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * A gRPC status that carries its flowctl code, however it is sent: thrown from a handler or closed on a
 * call by an interceptor. Every refusal the gateway makes goes through here, so none lacks the ErrorInfo
 * a client program reads (its own package, below both the gateway and its security interceptors).
 */
public final class CodedStatus {
    /** The ErrorInfo domain of every flowctl error. */
    public static final String DOMAIN = "flowctl.dev";

    private CodedStatus() {
    }

    /**
     * AIP-193's machine-readable part: reason is the code's name (UPPER_SNAKE, as AIP-193 asks), domain
     * flowctl.dev, and metadata "code" the printed FLOWCTL-E code docs/troubleshooting.md lists.
     */
    public static ErrorInfo errorInfo(ErrorCode code) {
        return ErrorInfo.newBuilder().setReason(code.name()).setDomain(DOMAIN).putMetadata("code", code.id()).build();
    }

    /** The status {@code status} with {@code message} as its description, an ErrorInfo for {@code code}, then {@code details}. */
    public static com.google.rpc.Status of(Code status, ErrorCode code, String message, Message... details) {
        com.google.rpc.Status.Builder b = com.google.rpc.Status.newBuilder().setCode(status.getNumber())
                .setMessage(message == null ? "" : message);
        for (Message d : details) b.addDetails(Any.pack(d));
        return b.addDetails(Any.pack(errorInfo(code))).build();
    }

    /** The status to throw from a handler. */
    public static StatusRuntimeException exception(Code status, ErrorCode code, String message) {
        return StatusProto.toStatusRuntimeException(of(status, code, message));
    }

    /** Closes {@code call} with the status, its details in the trailers; returns the status closed with. */
    public static Status close(ServerCall<?, ?> call, Code status, ErrorCode code, String message) {
        StatusRuntimeException e = exception(status, code, message);
        Metadata trailers = e.getTrailers();
        call.close(e.getStatus(), trailers == null ? new Metadata() : trailers);
        return e.getStatus();
    }
}
