package dev.flowctl.gateway.security;

import dev.flowctl.errors.CodedError;
import dev.flowctl.errors.ErrorCode;

/**
 * The gateway cannot start safely as configured (listen address, TLS files, token file); the message
 * is one sentence saying what is wrong and what to add. Never carries a token or a key.
 */
public class GatewaySecurityException extends RuntimeException implements CodedError {
    private final ErrorCode code;

    public GatewaySecurityException(String message) {
        this(ErrorCode.GATEWAY_CONFIG_UNSAFE, message);
    }

    public GatewaySecurityException(String message, Throwable cause) {
        this(ErrorCode.GATEWAY_CONFIG_UNSAFE, message, cause);
    }

    public GatewaySecurityException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public GatewaySecurityException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    @Override
    public ErrorCode code() {
        return code;
    }
}
