package dev.flowctl.cli.render;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.regex.Pattern;

/**
 * Text a terminal shows as written. flows.yaml, flows.lock, state and an engine's answers come
 * from a pull request in CI; a control character or escape sequence in them (a default holding
 * {@code ESC[2J}, a carriage return, a bidi override) could make a terminal or a log viewer show
 * "No changes." while hiding the real plan. Every such character is printed as a visible
 * {@code \\uXXXX} escape instead, which also keeps JSON output valid and equal in meaning.
 *
 * <p>{@link #line} is for a value inside a line (a newline in it would forge a line of its own);
 * {@link #guard} wraps each of flowctl's output streams so nothing reaches a terminal unescaped,
 * whatever code printed it: only newlines, tabs and flowctl's own colours (when colour is on) pass.
 */
public final class Printable {
    /**
     * The SGR sequences {@link Style} and picocli's help emit (bold, faint, italic, red, green,
     * yellow, resets): nothing that moves the cursor, clears, conceals or links.
     */
    private static final String CODE = "(?:0|1|2|3|21|22|23|31|32|33|39)";
    private static final Pattern OWN_COLOUR = Pattern.compile("\u001B\\[(?:" + CODE + "(?:;" + CODE + "){0,2})?m");
    private static final int LONGEST_COLOUR = 16;
    /** Back to the start of the line and erase it: apply's status line on a terminal. */
    private static final String ERASE_LINE = "\r\u001B[2K";

    private Printable() {
    }

    /** {@code s} with every control, bidi and invisible formatting character escaped, newlines and tabs too. */
    public static String line(String s) {
        return escaped(s, false);
    }

    /** The same for a block of lines meant to be shown as lines (a command's output): newlines and tabs stay. */
    public static String block(String s) {
        return escaped(s, true);
    }

    private static String escaped(String s, boolean lines) {
        if (s == null) return null;
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (safe(c) || (lines && (c == '\n' || c == '\t'))) {
                if (b != null) b.append(c);
                continue;
            }
            if (b == null) b = new StringBuilder(s.length() + 8).append(s, 0, i);
            escape(b, c);
        }
        return b == null ? s : b.toString();
    }

    /**
     * A writer that escapes what {@link #line} does, except newlines, tabs, Style's colours (with
     * {@code colour}) and, on an interactive terminal ({@code rewrite}), the "return and erase the
     * line" that apply's status line is redrawn with.
     */
    public static Writer guard(Writer target, boolean colour, boolean rewrite) {
        return new Guard(target, colour, rewrite);
    }

    /** Whether a character may reach a terminal as it is. */
    static boolean safe(char c) {
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return false;
        return switch (c) {
            // Bidi marks, embeddings, overrides and isolates; zero-width and line/paragraph separators; BOM.
            case '\u061C', '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u2028', '\u2029', '\u202A', '\u202B',
                 '\u202C', '\u202D', '\u202E', '\u2060', '\u2066', '\u2067', '\u2068', '\u2069', '\uFEFF' -> false;
            default -> true;
        };
    }

    private static void escape(StringBuilder b, char c) {
        switch (c) {
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            default -> b.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
        }
    }

    /** Escapes as it writes; a colour sequence is only recognised whole within one write, as Style hands it over. */
    private static final class Guard extends FilterWriter {
        private final boolean colour;
        private final boolean rewrite;

        Guard(Writer out, boolean colour, boolean rewrite) {
            super(out);
            this.colour = colour;
            this.rewrite = rewrite;
        }

        @Override
        public void write(int c) throws IOException {
            write(new char[] {(char) c}, 0, 1);
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            write(s.toCharArray(), off, len);
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            StringBuilder b = new StringBuilder(len + 8);
            int end = off + len;
            for (int i = off; i < end; i++) {
                char c = cbuf[i];
                if (safe(c) || c == '\n' || c == '\t') {
                    b.append(c);
                } else if (c == '\r' && rewrite && new String(cbuf, i, Math.min(ERASE_LINE.length(), end - i)).equals(ERASE_LINE)) {
                    b.append(ERASE_LINE);
                    i += ERASE_LINE.length() - 1;
                } else if (c == '\u001B' && colour && ownColour(cbuf, i, end) > 0) {
                    int n = ownColour(cbuf, i, end);
                    b.append(cbuf, i, n);
                    i += n - 1;
                } else {
                    escape(b, c);
                }
            }
            out.write(b.toString());
        }

        private static int ownColour(char[] cbuf, int at, int end) {
            String ahead = new String(cbuf, at, Math.min(LONGEST_COLOUR, end - at));
            var m = OWN_COLOUR.matcher(ahead);
            return m.lookingAt() ? m.end() : 0;
        }
    }
}
