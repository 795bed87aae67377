package dev.flowctl.cli;

import java.time.Duration;

/** A duration option such as {@code --lock-timeout 5m}; see {@link dev.flowctl.spec.Durations}. */
final class Durations {
    private Durations() {
    }

    static Duration parse(String text, String option) {
        return dev.flowctl.spec.Durations.parse(text).orElseThrow(
                () -> new UserError(option + " '" + text + "' is not a duration; write e.g. 30s, 5m or 1h."));
    }
}
