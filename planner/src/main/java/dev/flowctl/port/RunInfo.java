package dev.flowctl.port;

import java.time.Instant;

/**
 * What an engine says about one run.
 *
 * @param stoppedAt null while the run has not ended
 * @param error     why a FAILED or CANCELLED run ended, when the engine says; otherwise null
 * @param output    the run's output as the engine reports it (JSON for Step Functions), or null
 */
public record RunInfo(RunRef ref, RunState state, Instant startedAt, Instant stoppedAt, String error, String output) {
}
