package dev.flowctl.spec;

/** One thing wrong with flows.yaml, at a 1-based line and column. */
public record SpecProblem(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
