package dev.flowctl.codegen;

/** Indented Java source text: {@link #open} a block, {@link #close} it. */
final class JavaWriter {
    private final StringBuilder b = new StringBuilder();
    private int depth;

    void line(String text) {
        if (!text.isEmpty()) b.append("    ".repeat(depth)).append(text);
        b.append('\n');
    }

    void open(String header) {
        line(header + " {");
        depth++;
    }

    void close() {
        depth--;
        line("}");
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
