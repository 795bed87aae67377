package dev.flowctl.gateway.security;

/**
 * The gateway cannot start safely as configured (listen address, TLS files, token file); the message
 * is one sentence saying what is wrong and what to add. Never carries a token or a key.
 */
public class GatewaySecurityException extends RuntimeException {
    public GatewaySecurityException(String message) {
        super(message);
    }

    public GatewaySecurityException(String message, Throwable cause) {
        super(message, cause);
    }
}
