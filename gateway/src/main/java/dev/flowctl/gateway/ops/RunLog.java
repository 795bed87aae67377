package dev.flowctl.gateway.ops;

import dev.flowctl.spec.FlowVersionAddress;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * One logfmt line per Start call, at INFO on the logger {@value #LOGGER_NAME}:
 * <pre>
 * event=run_started flow=fleet_features version=v1 run_id=r-42 caller=svc-a outcome=started latency_ms=3.1
 * event=run_refused flow=fleet_features version=v9 caller=svc-a outcome=not_found latency_ms=0.4
 * </pre>
 * Only names and ids: never a token or an input value. Values that come from the caller (a flow name
 * asked for that is not deployed) are quoted and escaped, so no request can add a field or a line.
 */
public final class RunLog implements RunEvents {
    public static final String LOGGER_NAME = "dev.flowctl.gateway.runs";
    private static final int MAX_VALUE = 128;

    private final Logger logger;

    public RunLog() {
        this(LoggerFactory.getLogger(LOGGER_NAME));
    }

    public RunLog(Logger logger) {
        this.logger = logger;
    }

    @Override
    public void started(FlowVersionAddress address, String runId, String caller, Duration latency) {
        if (!logger.isInfoEnabled()) return;
        logger.info(line("run_started", address, runId, caller, "started", latency));
    }

    @Override
    public void refused(FlowVersionAddress address, String caller, Status.Code code, Duration latency) {
        if (!logger.isInfoEnabled()) return;
        logger.info(line("run_refused", address, null, caller, RunEvents.outcome(code), latency));
    }

    /** {@code event=deprecated_call flow=… version=… caller=… replacement=v2 sunset=2027-03-01}, at WARN. */
    @Override
    public void deprecatedCalled(FlowVersionAddress address, dev.flowctl.spec.Deprecation deprecation, String caller) {
        if (!logger.isWarnEnabled()) return;
        StringBuilder b = new StringBuilder(160).append("event=deprecated_call");
        field(b, "flow", address.flow());
        field(b, "version", address.version());
        field(b, "caller", caller);
        field(b, "replacement", deprecation.replacement());
        field(b, "sunset", deprecation.sunset() == null ? null : deprecation.sunset().toString());
        logger.warn(b.toString());
    }

    static String line(String event, FlowVersionAddress address, String runId, String caller, String outcome, Duration latency) {
        StringBuilder b = new StringBuilder(160).append("event=").append(event);
        field(b, "flow", address == null ? null : address.flow());
        field(b, "version", address == null ? null : address.version());
        if (runId != null) field(b, "run_id", runId);
        field(b, "caller", caller);
        field(b, "outcome", outcome);
        // As "%.1f" of the milliseconds (half up), without String.format's parsing and boxing on every call.
        long tenths = (Math.max(0, latency.toNanos()) + 50_000) / 100_000;
        b.append(" latency_ms=").append(tenths / 10).append('.').append(tenths % 10);
        return b.toString();
    }

    private static void field(StringBuilder b, String key, String value) {
        b.append(' ').append(key).append('=');
        if (value == null) {
            b.append('-');
        } else if (bare(value)) {
            b.append(value);
        } else {
            quote(b, value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) + "…" : value);
        }
    }

    /**
     * Whether {@code value} is written as is: 1 to {@link #MAX_VALUE} of A-Z, a-z, 0-9 and {@code _.@:/+-}. A loop, not
     * a regex, as it runs for every field of every call.
     */
    private static boolean bare(String value) {
        int n = value.length();
        if (n == 0 || n > MAX_VALUE) return false;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '@' || c == ':' || c == '/' || c == '+' || c == '-';
            if (!ok) return false;
        }
        return true;
    }

    private static void quote(StringBuilder b, String value) {
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) // every line break a log reader honours
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            else b.append(c);
        }
        b.append('"');
    }
}
