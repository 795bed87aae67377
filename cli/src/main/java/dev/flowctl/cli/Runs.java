package dev.flowctl.cli;

import dev.flowctl.port.RunInfo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How a run is printed: one line with its state, id, times and, when it failed, why. */
final class Runs {
    private Runs() {
    }

    static String line(RunInfo info) {
        StringBuilder b = new StringBuilder().append(String.format("%-9s", info.state())).append(' ').append(info.ref().runId());
        if (info.startedAt() != null) b.append("  started ").append(time(info.startedAt()));
        if (info.stoppedAt() != null) b.append("  ended ").append(time(info.stoppedAt()));
        if (info.error() != null && !info.error().isBlank()) b.append("  error: ").append(info.error().lines().findFirst().orElse(""));
        return b.toString();
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
