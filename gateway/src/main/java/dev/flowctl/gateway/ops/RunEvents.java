package dev.flowctl.gateway.ops;

import dev.flowctl.spec.FlowVersionAddress;
import io.grpc.Status;

import java.time.Duration;
import java.util.List;

/**
 * What the gateway reports about each Start call, once it has answered: a run started, or a start
 * refused with the status code the caller got. The run log and the metrics both listen; the gateway
 * calls one composite ({@link #all}). Implementations are thread-safe, fast and never throw. No event
 * carries a token or an input value.
 */
public interface RunEvents {
    /** Listens to nothing. */
    RunEvents NONE = new RunEvents() {
        @Override
        public void started(FlowVersionAddress address, String runId, String caller, Duration latency) {
        }

        @Override
        public void refused(FlowVersionAddress address, String caller, Status.Code code, Duration latency) {
        }
    };

    /**
     * A run of {@code address} was started (or, for a retried idempotency key, the existing run returned).
     *
     * @param caller  the caller's name (token entry name, or "anonymous" without tokens)
     * @param latency from receiving the call to answering it
     */
    void started(FlowVersionAddress address, String runId, String caller, Duration latency);

    /**
     * A Start call was refused with {@code code} (never OK).
     *
     * @param address the flow version asked for, or null when the call was refused before it was known
     *                (no token, concurrency limit)
     * @param caller  the caller's name, or null when not authenticated
     */
    void refused(FlowVersionAddress address, String caller, Status.Code code, Duration latency);

    /** A Start named {@code address}, whose applied deprecation is {@code deprecation} (the call may still be refused). */
    default void deprecatedCalled(FlowVersionAddress address, dev.flowctl.spec.Deprecation deprecation, String caller) {
    }

    /** Every listener, in order. */
    static RunEvents all(RunEvents... listeners) {
        List<RunEvents> all = List.of(listeners);
        return new RunEvents() {
            @Override
            public void started(FlowVersionAddress address, String runId, String caller, Duration latency) {
                for (RunEvents l : all) l.started(address, runId, caller, latency);
            }

            @Override
            public void refused(FlowVersionAddress address, String caller, Status.Code code, Duration latency) {
                for (RunEvents l : all) l.refused(address, caller, code, latency);
            }

            @Override
            public void deprecatedCalled(FlowVersionAddress address, dev.flowctl.spec.Deprecation deprecation, String caller) {
                for (RunEvents l : all) l.deprecatedCalled(address, deprecation, caller);
            }
        };
    }

    /** The outcome label of a refusal: the status code in lower case, e.g. {@code invalid_argument}. */
    static String outcome(Status.Code code) {
        return OUTCOMES.get(code.ordinal());
    }

    /** Each code's outcome label by ordinal, made once rather than lower-cased on every call. */
    java.util.List<String> OUTCOMES = java.util.Arrays.stream(Status.Code.values())
            .map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList();
}
