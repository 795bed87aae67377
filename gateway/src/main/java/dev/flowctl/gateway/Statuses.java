package dev.flowctl.gateway;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.UnknownRunException;
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
    private Statuses() {
    }

    static StatusRuntimeException of(RuntimeException e) {
        if (e instanceof StatusRuntimeException s) return s;
        if (e instanceof InvalidInputException invalid) return invalidInput(invalid);
        if (e instanceof RunService.NotDeployedException || e instanceof UnknownRunException) {
            return Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException();
        }
        if (e instanceof EngineException) return Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException();
        if (e instanceof IllegalArgumentException) return Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
        // Anything else is a gateway bug: say so without echoing internals (or input) to the caller.
        return Status.INTERNAL.withDescription("the gateway failed (" + e.getClass().getSimpleName() + "); see the gateway's log.")
                .withCause(e).asRuntimeException();
    }

    static StatusRuntimeException invalidInput(InvalidInputException e) {
        BadRequest.Builder bad = BadRequest.newBuilder();
        for (InputViolation v : e.violations()) {
            bad.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(v.path()).setDescription(v.message()));
        }
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder().setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage(e.getMessage()).addDetails(Any.pack(bad.build())).build());
    }

    static StatusRuntimeException deadlinePassed() {
        return Status.DEADLINE_EXCEEDED.withDescription("the call's deadline passed before the run was started; nothing was started.")
                .asRuntimeException();
    }
}
