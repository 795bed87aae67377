package dev.flowctl.apply;

import dev.flowctl.plan.PlannedChange;
import java.time.Duration;

/** Progress of an apply, for the CLI to show; called from worker threads. */
public interface ApplyListener {
    ApplyListener NONE = new ApplyListener() {
    };

    default void started(PlannedChange change) {
    }

    default void finished(PlannedChange change, Duration took) {
    }

    default void failed(PlannedChange change, String message) {
    }
}
