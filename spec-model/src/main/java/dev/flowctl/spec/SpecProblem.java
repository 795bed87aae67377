package dev.flowctl.spec;

import dev.flowctl.errors.ErrorCode;

/**
 * One thing wrong with flows.yaml, at a 1-based line and column (0 and 0: the file as a whole, e.g. it
 * is missing), with the code of its kind ({@link ErrorCode#SPEC_UNKNOWN_KEY}, …). {@link #toString} is the
 * position and sentence; the CLI prints the code after it, as it does for every error.
 */
public record SpecProblem(String file, int line, int column, String message, ErrorCode code) {
    public SpecProblem {
        java.util.Objects.requireNonNull(code, "code");
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line + ":" + column : "") + ": " + message;
    }
}
