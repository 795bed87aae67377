package dev.flowctl.engine.command;

import dev.flowctl.apply.EngineException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configured shell command with {@code {placeholders}}. Values are substituted single-quoted,
 * so a path with spaces or quotes reaches the command as one argument and is never run as shell.
 */
public record CommandLineTemplate(String key, String template) {
    /** Every placeholder a command may use. */
    public static final Set<String> PLACEHOLDERS = Set.of("project", "environment", "flow", "version", "name", "source",
            "definition");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]+)}");

    public CommandLineTemplate {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new EngineException("the command engine's '" + key + "' uses unknown placeholder {" + m.group(1)
                        + "}; use {source}, {definition}, {flow}, {version}, {name}, {project} or {environment}.");
            }
        }
    }

    /** The shell text with every placeholder replaced by its quoted value ('' when unset). */
    public String render(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(quote(value == null ? "" : value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String quote(String value) {
        if (value.matches("[A-Za-z0-9_./:@=+-]+")) return value;
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
