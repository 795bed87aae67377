package dev.flowctl.codegen;

/** Indented Java source text: {@link #open} a block, {@link #close} it. */
final class JavaWriter {
    private final StringBuilder b = new StringBuilder();
    private int depth;

    void line(String text) {
        if (!text.isEmpty()) {
            for (int i = 0; i < depth; i++) b.append("    "); // no indent string per line: stubs run to millions of lines
            b.append(text);
        }
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
