package dev.flowctl.cli;

/** A mistake in how flowctl was called; printed as one sentence, exit code 1. */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
