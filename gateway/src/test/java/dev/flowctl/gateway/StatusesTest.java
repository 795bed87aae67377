package dev.flowctl.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.UnknownRunException;
import com.google.rpc.ErrorInfo;
import dev.flowctl.errors.ErrorCode;
import dev.flowctl.runtime.InputViolation;
import dev.flowctl.runtime.InvalidInputException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status a caller gets for each way a call fails, with the one-sentence message it can act on. */
class StatusesTest {
    @Test
    void aRefusedInputIsInvalidArgumentWithOneFieldViolationPerField() throws Exception {
        StatusRuntimeException s = Statuses.of(new InvalidInputException(List.of(
                new InputViolation("fleet_id", "is required"), new InputViolation("limits.max_rows", "must be an integer"))));
        assertEquals(Status.Code.INVALID_ARGUMENT, s.getStatus().getCode());
        BadRequest bad = StatusProto.fromThrowable(s).getDetails(0).unpack(BadRequest.class);
        assertEquals(List.of("fleet_id", "limits.max_rows"), bad.getFieldViolationsList().stream().map(BadRequest.FieldViolation::getField).toList());
        assertEquals("is required", bad.getFieldViolations(0).getDescription());
    }

    @Test
    void anUnknownRunIsNotFoundAndAnEngineFailureUnavailable() {
        StatusRuntimeException unknown = Statuses.of(new UnknownRunException("the local engine has no run 'x' of a@v1."));
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        assertEquals("the local engine has no run 'x' of a@v1.", unknown.getStatus().getDescription());
        StatusRuntimeException down = Statuses.of(new EngineException("Step Functions did not answer; check the endpoint."));
        assertEquals(Status.Code.UNAVAILABLE, down.getStatus().getCode());
        assertEquals("Step Functions did not answer; check the endpoint.", down.getStatus().getDescription());
    }

    @Test
    void everyRefusalCarriesItsFlowctlCodeInAnErrorInfo() throws Exception {
        StatusRuntimeException refused = Statuses.of(new InvalidInputException(List.of(new InputViolation("fleet_id", "is required"))));
        ErrorInfo input = errorInfo(refused);
        assertEquals("RUN_INPUT_REFUSED", input.getReason());
        assertEquals("flowctl.dev", input.getDomain());
        assertEquals("FLOWCTL-E0601", input.getMetadataOrThrow("code"));
        assertEquals("FLOWCTL-E0603", errorInfo(Statuses.of(new UnknownRunException("no run 'x' of a@v1."))).getMetadataOrThrow("code"));
        assertEquals("FLOWCTL-E0305", errorInfo(Statuses.of(new EngineException(ErrorCode.ENGINE_UNREACHABLE, "no answer.")))
                .getMetadataOrThrow("code"));
    }

    @Test
    void aPassedDeadlineAndABadIdempotencyKeyCarryTheirCodes() throws Exception {
        StatusRuntimeException late = Statuses.deadlinePassed();
        assertEquals(Status.Code.DEADLINE_EXCEEDED, late.getStatus().getCode());
        assertEquals("the call's deadline passed before the run was started; nothing was started.", late.getStatus().getDescription());
        assertEquals("RUN_DEADLINE_PASSED", errorInfo(late).getReason());
        assertEquals("FLOWCTL-E0613", errorInfo(late).getMetadataOrThrow("code"));
        StatusRuntimeException key = Statuses.badIdempotencyKey("metadata idempotency-key must be 1 to 128 characters.");
        assertEquals(Status.Code.INVALID_ARGUMENT, key.getStatus().getCode());
        assertEquals("FLOWCTL-E0614", errorInfo(key).getMetadataOrThrow("code"));
    }

    private static ErrorInfo errorInfo(StatusRuntimeException s) throws Exception {
        for (Any detail : StatusProto.fromThrowable(s).getDetailsList()) {
            if (detail.is(ErrorInfo.class)) return detail.unpack(ErrorInfo.class);
        }
        throw new AssertionError("no ErrorInfo in " + s);
    }

    @Test
    void aGatewayBugIsInternalWithoutItsMessage() {
        StatusRuntimeException bug = Statuses.of(new NullPointerException("secret input value"));
        assertEquals(Status.Code.INTERNAL, bug.getStatus().getCode());
        assertEquals("the gateway failed (NullPointerException); see the gateway's log.", bug.getStatus().getDescription());
    }
}
