package dev.flowctl.apply;

import dev.flowctl.errors.CodedError;
import dev.flowctl.errors.ErrorCode;

/** An apply cannot start: a blocked or stale plan. */
public class ApplyException extends RuntimeException implements CodedError {
    private final ErrorCode code;

    public ApplyException(String message) {
        this(ErrorCode.PLAN_BLOCKED, message);
    }

    public ApplyException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    @Override
    public ErrorCode code() {
        return code;
    }
}
