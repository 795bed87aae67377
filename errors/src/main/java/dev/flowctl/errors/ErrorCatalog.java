package dev.flowctl.errors;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The catalog as the table docs/troubleshooting.md shows between its markers. */
public final class ErrorCatalog {
    public static final String BEGIN = "<!-- BEGIN error codes: generated from dev.flowctl.errors.ErrorCode; do not edit by hand -->";
    public static final String END = "<!-- END error codes -->";

    private ErrorCatalog() {
    }

    /** One row per code: code, what the message looks like, what to do. */
    public static String markdownTable() {
        return "| code | message | what to do |\n|---|---|---|\n" + Arrays.stream(ErrorCode.values())
                .map(c -> "| <a id=\"" + c.id().toLowerCase(java.util.Locale.ROOT) + "\"></a>`" + c.id() + "` | " + cell(c.message())
                        + " | " + cell(c.action()) + " |")
                .collect(Collectors.joining("\n")) + "\n";
    }

    /** {@code page} with the text between the markers replaced by the current table. */
    public static String regenerate(String page) {
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) throw new IllegalArgumentException("the page has no '" + BEGIN + "' … '" + END + "' markers");
        return page.substring(0, begin + BEGIN.length()) + "\n" + markdownTable() + page.substring(end);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
