package dev.flowctl.cli;

import java.net.URI;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --link-base URL}: Markdown links each flows.yaml position to URL + file + {@code #L<line>}. */
public final class LinkBaseOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private String base;

    @Option(names = "--link-base", paramLabel = "URL",
            description = "With --format markdown, link each flows.yaml position to URL + its path from the "
                    + "repository root + #L<line>; URL is e.g. the repository's blob/<commit>/ address (see docs/ci.md).")
    void base(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || url.chars().anyMatch(c -> c <= ' ' || c == '(' || c == ')' || c == '<' || c == '>')) {
            throw new ParameterException(mixee.commandLine(), "--link-base is '" + url
                    + "'; give an http(s) URL that file paths are appended to, e.g. https://github.com/o/r/blob/SHA/.");
        }
        base = url.endsWith("/") ? url : url + "/";
    }

    /** The base ending in {@code /}, or null when not given. */
    public String get() {
        return base;
    }
}
