package dev.flowctl.state;

import dev.flowctl.errors.CodedError;
import dev.flowctl.errors.ErrorCode;

/** A state backend failure whose message is one sentence a user can act on. */
public class StateException extends RuntimeException implements CodedError {
    private final ErrorCode code;

    public StateException(String message) {
        this(ErrorCode.STATE_FAILED, message);
    }

    public StateException(String message, Throwable cause) {
        this(ErrorCode.STATE_FAILED, message, cause);
    }

    public StateException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public StateException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    @Override
    public ErrorCode code() {
        return code;
    }
}
