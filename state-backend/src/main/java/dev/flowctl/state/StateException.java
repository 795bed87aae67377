package dev.flowctl.state;

/** A state backend failure whose message is one sentence a user can act on. */
public class StateException extends RuntimeException {
    public StateException(String message) {
        super(message);
    }

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
