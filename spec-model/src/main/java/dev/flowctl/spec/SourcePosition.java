package dev.flowctl.spec;

/**
 * Where something is written in flows.yaml: the file relative to the repository root (with {@code /},
 * as CI annotations and links need it), and a 1-based line and column.
 */
public record SourcePosition(String file, int line, int column) {
    public SourcePosition {
        if (file == null || file.isEmpty()) throw new IllegalArgumentException("a position needs a file");
        if (line < 1 || column < 1) throw new IllegalArgumentException("line and column are 1-based");
    }

    /** {@code flows.yaml:12:7}, as compilers print it and editors open it. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
