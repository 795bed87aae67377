package dev.flowctl.cli.render;

import picocli.CommandLine.Help.Ansi;

/** Colors for terminal output: on only for a terminal, never with --no-color or NO_COLOR. */
public final class Style {
    private final Ansi ansi;

    private Style(Ansi ansi) {
        this.ansi = ansi;
    }

    public static Style of(boolean noColor) {
        return new Style(enabled(noColor) ? Ansi.ON : Ansi.OFF);
    }

    /** Whether colours are on: a terminal, and neither --no-color nor NO_COLOR. */
    public static boolean enabled(boolean noColor) {
        return !noColor && System.getenv("NO_COLOR") == null && System.console() != null;
    }

    public static Style plain() {
        return new Style(Ansi.OFF);
    }

    public String green(String s) {
        return paint("green", s);
    }

    public String yellow(String s) {
        return paint("yellow", s);
    }

    public String red(String s) {
        return paint("red", s);
    }

    public String bold(String s) {
        return paint("bold", s);
    }

    private String paint(String style, String s) {
        if (ansi == Ansi.OFF || s.isEmpty()) return s;
        return ansi.string("@|" + style + " " + s.replace("|@", "| @") + "|@");
    }
}
