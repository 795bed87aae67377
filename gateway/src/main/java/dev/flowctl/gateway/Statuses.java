package dev.flowctl.gateway;

import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.UnknownRunException;
import dev.flowctl.errors.CodedError;
import dev.flowctl.errors.ErrorCode;
import dev.flowctl.gateway.status.CodedStatus;
import dev.flowctl.run.RunService;
import dev.flowctl.runtime.InputViolation;
import dev.flowctl.runtime.InvalidInputException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * The status a caller can act on for each way a call fails: a refused input is INVALID_ARGUMENT with
 * one google.rpc.BadRequest field violation per offending field, a version or run that is not there
 * NOT_FOUND, an engine failure UNAVAILABLE (retry later; with an idempotency key, safely).
 */
final class Statuses {
    static final String DOMAIN = CodedStatus.DOMAIN;

    private Statuses() {
    }

    static StatusRuntimeException of(RuntimeException e) {
        if (e instanceof StatusRuntimeException s) return s;
        if (e instanceof InvalidInputException invalid) return invalidInput(invalid);
        if (e instanceof RunService.NotDeployedException || e instanceof UnknownRunException) return coded(Code.NOT_FOUND, e);
        if (e instanceof EngineException) return coded(Code.UNAVAILABLE, e);
        if (e instanceof IllegalArgumentException) return coded(Code.INVALID_ARGUMENT, e);
        // Anything else is a gateway bug: say so without echoing internals (or input) to the caller.
        return Status.INTERNAL.withDescription("the gateway failed (" + e.getClass().getSimpleName() + "); see the gateway's log.")
                .withCause(e).asRuntimeException();
    }

    static StatusRuntimeException invalidInput(InvalidInputException e) {
        BadRequest.Builder bad = BadRequest.newBuilder();
        for (InputViolation v : e.violations()) {
            bad.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(v.path()).setDescription(v.message()));
        }
        return StatusProto.toStatusRuntimeException(CodedStatus.of(Code.INVALID_ARGUMENT, e.code(), e.getMessage(), bad.build()));
    }

    /** The status with the sentence as its description and the error's code in an ErrorInfo detail. */
    private static StatusRuntimeException coded(Code code, RuntimeException e) {
        ErrorCode error = CodedError.of(e, e instanceof IllegalArgumentException ? ErrorCode.RUN_INPUT_REFUSED : ErrorCode.INTERNAL);
        return CodedStatus.exception(code, error, e.getMessage());
    }

    static StatusRuntimeException deadlinePassed() {
        return CodedStatus.exception(Code.DEADLINE_EXCEEDED, ErrorCode.RUN_DEADLINE_PASSED,
                "the call's deadline passed before the run was started; nothing was started.");
    }

    /** Idempotency-key metadata that cannot name a run: empty or too long. */
    static StatusRuntimeException badIdempotencyKey(String why) {
        return CodedStatus.exception(Code.INVALID_ARGUMENT, ErrorCode.RUN_IDEMPOTENCY_KEY_INVALID, why);
    }
}
