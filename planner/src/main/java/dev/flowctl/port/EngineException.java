package dev.flowctl.port;

/** An engine refused or failed an action; the message says what to fix. */
public class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
