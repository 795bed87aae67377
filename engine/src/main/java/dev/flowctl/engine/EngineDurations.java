package dev.flowctl.engine;

import dev.flowctl.apply.EngineException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses engine timeouts written as {@code 90}, {@code 90s}, {@code 10m} or {@code 1h}. */
public final class EngineDurations {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    private EngineDurations() {
    }

    public static Duration parse(Object value, String where) {
        Matcher m = FORMAT.matcher(String.valueOf(value).trim());
        if (!m.matches()) {
            throw new EngineException(where + " is '" + value + "', not a duration; write e.g. 90s, 10m or 1h.");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
