package dev.flowctl.errors;

/** An exception whose message a user reads, and the stable code that names its kind. */
public interface CodedError {
    ErrorCode code();

    /** The code of any exception: its own if it has one, else {@code fallback}. */
    static ErrorCode of(Throwable e, ErrorCode fallback) {
        return e instanceof CodedError c && c.code() != null ? c.code() : fallback;
    }
}
