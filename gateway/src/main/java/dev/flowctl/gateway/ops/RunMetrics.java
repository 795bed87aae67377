package dev.flowctl.gateway.ops;

import dev.flowctl.spec.FlowVersionAddress;
import io.grpc.Status;

import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's Prometheus metrics, kept in memory and written in the text exposition format 0.0.4:
 * <ul>
 *   <li>{@code flowctl_gateway_runs_total{flow,version,outcome}} — counter of Start calls answered;
 *       outcome {@code started} or the refusal's status code ({@code invalid_argument}, {@code not_found},
 *       {@code permission_denied}, {@code unauthenticated}, {@code resource_exhausted}, …);</li>
 *   <li>{@code flowctl_gateway_start_duration_seconds{flow,version}} — histogram of Start latency;</li>
 *   <li>{@code flowctl_gateway_deprecated_calls_total{flow,version}} — counter of Start calls to a deprecated version
 *       (only versions deployed as deprecated, so the cap of the others is not needed).</li>
 * </ul>
 * A refusal before the flow is known has empty flow and version. Flow names can come from callers (a
 * version that is not deployed), so distinct flow versions are capped: past the cap they are counted
 * under {@value #OVERFLOW}, and no caller can grow the memory or the scrape without bound.
 */
public final class RunMetrics implements RunEvents {
    public static final String OVERFLOW = "_other";
    /** The text exposition format's content type. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private record Labels(String flow, String version) {
    }

    private record CounterKey(Labels labels, String outcome) {
    }

    private static final Comparator<Labels> LABEL_ORDER = Comparator.comparing(Labels::flow).thenComparing(Labels::version);

    /** Non-cumulative bucket counts (the last one past the largest bound), cumulated when written. */
    private static final class Histogram {
        final LongAdder[] buckets = new LongAdder[BUCKETS.length + 1];
        final DoubleAdder sum = new DoubleAdder();

        Histogram() {
            for (int i = 0; i < buckets.length; i++) buckets[i] = new LongAdder();
        }

        void observe(double seconds) {
            int i = 0;
            while (i < BUCKETS.length && seconds > BUCKETS[i]) i++;
            buckets[i].increment();
            sum.add(seconds);
        }
    }

    private final int maxFlowVersions;
    /** Hashed, not sorted, for the call path; a scrape (rare) sorts. */
    private final Map<CounterKey, LongAdder> counters = new ConcurrentHashMap<>();
    private static final Comparator<CounterKey> COUNTER_ORDER = Comparator.comparing(CounterKey::labels, LABEL_ORDER)
            .thenComparing(CounterKey::outcome);
    private final Map<Labels, Histogram> latencies = new ConcurrentHashMap<>();
    private final Map<Labels, LongAdder> deprecatedCalls = new ConcurrentHashMap<>();

    /** Up to 1,000 distinct flow versions before {@value #OVERFLOW}. */
    public RunMetrics() {
        this(1000);
    }

    public RunMetrics(int maxFlowVersions) {
        this.maxFlowVersions = maxFlowVersions;
    }

    @Override
    public void started(FlowVersionAddress address, String runId, String caller, Duration latency) {
        record(address, "started", latency);
    }

    @Override
    public void refused(FlowVersionAddress address, String caller, Status.Code code, Duration latency) {
        record(address, RunEvents.outcome(code), latency);
    }

    @Override
    public void deprecatedCalled(FlowVersionAddress address, dev.flowctl.spec.Deprecation deprecation, String caller) {
        deprecatedCalls.computeIfAbsent(new Labels(address.flow(), address.version()), k -> new LongAdder()).increment();
    }

    private void record(FlowVersionAddress address, String outcome, Duration latency) {
        Labels labels = labels(address);
        counters.computeIfAbsent(new CounterKey(labels, outcome), k -> new LongAdder()).increment();
        latencies.computeIfAbsent(labels, k -> new Histogram()).observe(latency.toNanos() / 1e9);
    }

    private Labels labels(FlowVersionAddress address) {
        Labels labels = address == null ? new Labels("", "") : new Labels(address.flow(), address.version());
        // The cap is checked without a lock: a race may let a few more through, never an unbounded number.
        if (!latencies.containsKey(labels) && latencies.size() >= maxFlowVersions) return new Labels(OVERFLOW, OVERFLOW);
        return labels;
    }

    /** Every metric in the text exposition format 0.0.4. */
    public String scrape() {
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP flowctl_gateway_runs_total Start calls answered, by flow version and outcome (started, or the status code of the refusal).\n");
        out.append("# TYPE flowctl_gateway_runs_total counter\n");
        Map<CounterKey, LongAdder> sortedCounters = new java.util.TreeMap<>(COUNTER_ORDER);
        sortedCounters.putAll(counters);
        sortedCounters.forEach((key, count) -> {
            out.append("flowctl_gateway_runs_total{");
            labels(out, key.labels());
            out.append(",outcome=\"").append(escape(key.outcome())).append("\"} ").append(count.sum()).append('\n');
        });
        out.append("# HELP flowctl_gateway_start_duration_seconds Time from receiving a Start call to answering it.\n");
        out.append("# TYPE flowctl_gateway_start_duration_seconds histogram\n");
        Map<Labels, Histogram> sorted = new java.util.TreeMap<>(LABEL_ORDER);
        sorted.putAll(latencies);
        sorted.forEach((labels, h) -> {
            long cumulative = 0;
            for (int i = 0; i <= BUCKETS.length; i++) {
                cumulative += h.buckets[i].sum();
                out.append("flowctl_gateway_start_duration_seconds_bucket{");
                labels(out, labels);
                out.append(",le=\"").append(i < BUCKETS.length ? number(BUCKETS[i]) : "+Inf").append("\"} ").append(cumulative).append('\n');
            }
            out.append("flowctl_gateway_start_duration_seconds_sum{");
            labels(out, labels);
            out.append("} ").append(number(h.sum.sum())).append('\n');
            out.append("flowctl_gateway_start_duration_seconds_count{");
            labels(out, labels);
            out.append("} ").append(cumulative).append('\n');
        });
        out.append("# HELP flowctl_gateway_deprecated_calls_total Start calls to a deprecated flow version, by flow version.\n");
        out.append("# TYPE flowctl_gateway_deprecated_calls_total counter\n");
        Map<Labels, LongAdder> sortedDeprecated = new java.util.TreeMap<>(LABEL_ORDER);
        sortedDeprecated.putAll(deprecatedCalls);
        sortedDeprecated.forEach((labels, count) -> {
            out.append("flowctl_gateway_deprecated_calls_total{");
            labels(out, labels);
            out.append("} ").append(count.sum()).append('\n');
        });
        return out.toString();
    }

    private static void labels(StringBuilder out, Labels labels) {
        out.append("flow=\"").append(escape(labels.flow())).append("\",version=\"").append(escape(labels.version())).append('"');
    }

    /** Label values escape backslash, double quote and line feed (format 0.0.4). */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }
}
