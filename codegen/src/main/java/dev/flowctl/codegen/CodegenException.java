package dev.flowctl.codegen;

/** A spec or lock that cannot be turned into contracts; the message says where and what to do. */
public class CodegenException extends RuntimeException {
    public CodegenException(String message) {
        super(message);
    }

    public CodegenException(String message, Throwable cause) {
        super(message, cause);
    }
}
