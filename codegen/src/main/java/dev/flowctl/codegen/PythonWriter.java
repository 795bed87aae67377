package dev.flowctl.codegen;

/** Indented Python source text: blocks by indentation, so no open/close as in {@link JavaWriter}. */
final class PythonWriter {
    private final StringBuilder b = new StringBuilder();
    private int depth;

    void line(String text) {
        if (!text.isEmpty()) b.append("    ".repeat(depth)).append(text);
        b.append('\n');
    }

    void indent() {
        depth++;
    }

    void dedent() {
        depth--;
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
