package dev.flowctl.gateway.security;

import java.util.regex.Pattern;

/**
 * Which flow versions a token may start, written {@code flow@version}; either side may be {@code *}
 * for any ({@code fleet_features@*}: every version of fleet_features).
 */
public record FlowPattern(String flow, String version) {
    private static final Pattern NAME = Pattern.compile("\\*|[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    /** Parses {@code flow@version}; returns null when the text is not one (the caller words the error). */
    static FlowPattern parseOrNull(String text) {
        int at = text.indexOf('@');
        if (at < 0 || text.indexOf('@', at + 1) >= 0) return null;
        String flow = text.substring(0, at);
        String version = text.substring(at + 1);
        if (!NAME.matcher(flow).matches() || !NAME.matcher(version).matches()) return null;
        return new FlowPattern(flow, version);
    }

    public boolean matches(String flow, String version) {
        return ("*".equals(this.flow) || this.flow.equals(flow)) && ("*".equals(this.version) || this.version.equals(version));
    }

    @Override
    public String toString() {
        return flow + "@" + version;
    }
}
