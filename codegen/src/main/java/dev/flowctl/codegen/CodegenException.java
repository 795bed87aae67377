package dev.flowctl.codegen;

import dev.flowctl.errors.CodedError;
import dev.flowctl.errors.ErrorCode;

/** A spec or lock that cannot be turned into contracts; the message says where and what to do. */
public class CodegenException extends RuntimeException implements CodedError {
    private final ErrorCode code;

    public CodegenException(String message) {
        this(ErrorCode.CODEGEN_FAILED, message);
    }

    public CodegenException(String message, Throwable cause) {
        this(ErrorCode.CODEGEN_FAILED, message, cause);
    }

    public CodegenException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public CodegenException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    @Override
    public ErrorCode code() {
        return code;
    }
}
