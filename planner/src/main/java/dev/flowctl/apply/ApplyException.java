package dev.flowctl.apply;

/** An apply cannot start: a blocked or stale plan. */
public class ApplyException extends RuntimeException {
    public ApplyException(String message) {
        super(message);
    }
}
