package dev.flowctl.gateway.ops;

import dev.flowctl.spec.FlowVersionAddress;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /metrics on its own loopback port serves the run counters and the latency histogram after events. */
class MetricsEndpointTest {
    static final FlowVersionAddress FLEET = new FlowVersionAddress("fleet_features", "v1");

    private static HttpResponse<String> get(MetricsEndpoint endpoint, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + endpoint.address().getPort() + path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesCountersByFlowVersionAndOutcomeAndAHistogram() throws Exception {
        RunMetrics metrics = new RunMetrics();
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), metrics)) {
            metrics.started(FLEET, "run-1", "svc-a", Duration.ofMillis(3));
            metrics.started(FLEET, "run-2", "svc-a", Duration.ofMillis(30));
            metrics.refused(FLEET, "svc-a", Status.Code.INVALID_ARGUMENT, Duration.ofMillis(1));
            metrics.refused(null, null, Status.Code.UNAUTHENTICATED, Duration.ZERO);

            HttpResponse<String> response = get(endpoint, "/metrics");
            assertEquals(200, response.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
            String body = response.body();
            assertTrue(body.contains("# TYPE flowctl_gateway_runs_total counter\n"), body);
            assertTrue(body.contains("flowctl_gateway_runs_total{flow=\"fleet_features\",version=\"v1\",outcome=\"started\"} 2\n"), body);
            assertTrue(body.contains("flowctl_gateway_runs_total{flow=\"fleet_features\",version=\"v1\",outcome=\"invalid_argument\"} 1\n"), body);
            assertTrue(body.contains("flowctl_gateway_runs_total{flow=\"\",version=\"\",outcome=\"unauthenticated\"} 1\n"), body);
            assertTrue(body.contains("# TYPE flowctl_gateway_start_duration_seconds histogram\n"), body);
            assertTrue(body.contains("flowctl_gateway_start_duration_seconds_bucket{flow=\"fleet_features\",version=\"v1\",le=\"0.001\"} 1\n"), body);
            assertTrue(body.contains("flowctl_gateway_start_duration_seconds_bucket{flow=\"fleet_features\",version=\"v1\",le=\"0.005\"} 2\n"), body);
            assertTrue(body.contains("flowctl_gateway_start_duration_seconds_bucket{flow=\"fleet_features\",version=\"v1\",le=\"+Inf\"} 3\n"), body);
            assertTrue(body.contains("flowctl_gateway_start_duration_seconds_sum{flow=\"fleet_features\",version=\"v1\"} 0.034\n"), body);
            assertTrue(body.contains("flowctl_gateway_start_duration_seconds_count{flow=\"fleet_features\",version=\"v1\"} 3\n"), body);

            assertEquals(404, get(endpoint, "/").statusCode());
        }
    }

    @Test
    void bindsToLoopbackByDefault() {
        assertTrue(MetricsEndpoint.DEFAULT_ADDRESS.getAddress().isLoopbackAddress());
    }

    @Test
    void labelValuesFromCallersAreEscapedAndTheirNumberIsCapped() {
        RunMetrics metrics = new RunMetrics(2);
        metrics.refused(new FlowVersionAddress("evil\"} 1\nfake_metric 9", "v1"), "svc-a", Status.Code.NOT_FOUND, Duration.ZERO);
        metrics.started(FLEET, "run-1", "svc-a", Duration.ZERO);
        for (int i = 0; i < 100; i++) {
            metrics.refused(new FlowVersionAddress("guess" + i, "v1"), "svc-a", Status.Code.NOT_FOUND, Duration.ZERO);
        }
        String body = metrics.scrape();
        assertTrue(body.contains("flowctl_gateway_runs_total{flow=\"evil\\\"} 1\\nfake_metric 9\",version=\"v1\",outcome=\"not_found\"} 1\n"), body);
        assertTrue(!body.contains("\nfake_metric"), body);
        assertTrue(body.contains("flowctl_gateway_runs_total{flow=\"_other\",version=\"_other\",outcome=\"not_found\"} 100\n"), body);
        assertTrue(!body.contains("guess"), body);
    }
}
