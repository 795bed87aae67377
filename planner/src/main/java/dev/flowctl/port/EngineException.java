package dev.flowctl.port;

import dev.flowctl.errors.CodedError;
import dev.flowctl.errors.ErrorCode;

/** An engine refused or failed an action; the message says what to fix. */
public class EngineException extends RuntimeException implements CodedError {
    private final ErrorCode code;

    public EngineException(String message) {
        this(ErrorCode.ENGINE_FAILED, message);
    }

    public EngineException(String message, Throwable cause) {
        this(ErrorCode.ENGINE_FAILED, message, cause);
    }

    public EngineException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public EngineException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    @Override
    public ErrorCode code() {
        return code;
    }
}
