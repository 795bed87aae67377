package dev.flowctl.codegen;

import java.util.Set;

/** How names, strings and comments are spelled in generated Python source. */
final class PythonSyntax {
    /** Python's keywords: an identifier that is one gets a trailing underscore ({@code class} -> {@code class_}). */
    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async", "await",
            "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
            "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield");

    private PythonSyntax() {
    }

    /** A Python identifier that is not a keyword. */
    static String identifier(String name) {
        return KEYWORDS.contains(name) ? name + "_" : name;
    }

    /** A Python string literal of any Java string: printable ASCII as is, everything else escaped. */
    static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') b.append('\\').append((char) c);
            else if (c >= 0x20 && c < 0x7f) b.append((char) c);
            else if (c < 0x10000) b.append(String.format("\\u%04x", c));
            else b.append(String.format("\\U%08x", c));
        });
        return b.append('"').toString();
    }

    /** A line of free text as a comment: control characters (which would end the comment) become spaces. */
    static String comment(String text) {
        return "# " + text.codePoints().map(c -> c < 0x20 || c == 0x7f ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().stripTrailing();
    }
}
