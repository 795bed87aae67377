package dev.flowctl.cli;

import dev.flowctl.errors.CodedError;
import dev.flowctl.errors.ErrorCode;

/** A mistake in how flowctl was called; printed as one sentence, exit code 1. */
public class UserError extends RuntimeException implements CodedError {
    private final ErrorCode code;

    public UserError(String message) {
        this(ErrorCode.OPTION_INVALID, message);
    }

    public UserError(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    @Override
    public ErrorCode code() {
        return code;
    }
}
