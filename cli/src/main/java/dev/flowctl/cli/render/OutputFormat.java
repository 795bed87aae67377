package dev.flowctl.cli.render;

import java.util.Locale;

/**
 * How a command prints its result: for people (text), for PR comments (markdown), for programs (json),
 * as GitHub workflow commands that annotate lines of a pull request (github), or as a GitLab Code
 * Quality report (gitlab). Each command supports some of them ({@code FormatOption}).
 */
public enum OutputFormat {
    TEXT, MARKDOWN, JSON, GITHUB, GITLAB;

    /** The name written on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named {@code id} (any case), or null. */
    public static OutputFormat of(String id) {
        for (OutputFormat f : values()) {
            if (f.id().equalsIgnoreCase(id.trim())) return f;
        }
        return null;
    }
}
