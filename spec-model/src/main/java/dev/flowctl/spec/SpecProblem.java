package dev.flowctl.spec;

/** One thing wrong with flows.yaml, at a 1-based line and column (0 and 0: the file as a whole, e.g. it is missing). */
public record SpecProblem(String file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line + ":" + column : "") + ": " + message;
    }
}
