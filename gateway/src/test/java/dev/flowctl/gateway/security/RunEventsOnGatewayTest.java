package dev.flowctl.gateway.security;

import dev.flowctl.gateway.ops.RunEvents;
import dev.flowctl.gateway.ops.RunLog;
import dev.flowctl.gateway.ops.RunMetrics;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.SubstituteLogger;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls through a real secured gateway reach the run log and the metrics — the ones the handler
 * reports and the ones the interceptors refuse — and no line carries the token or the input.
 */
class RunEventsOnGatewayTest {
    @Test
    void everyStartIsLoggedAndCountedWithoutTokenOrInput() throws Exception {
        ConcurrentLinkedQueue<SubstituteLoggingEvent> recorded = new ConcurrentLinkedQueue<>();
        RunLog log = new RunLog(new EventRecordingLogger(new SubstituteLogger(RunLog.LOGGER_NAME, recorded, false), recorded));
        RunMetrics metrics = new RunMetrics();
        GatewaySecurity security = GatewaySecurity.configure(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null,
                BearerTokenTest.tokens(), GatewayLimits.DEFAULT);
        String input = "{\"fleet_id\": \"secret-fleet-0451\"}";
        try (TestGateway gateway = new TestGateway(security, RunEvents.all(log, metrics))) {
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", gateway.port(), InsecureChannelCredentials.create()).build();
            try {
                assertEquals("run-1", TestGateway.start(channel, BearerTokenTest.TOKEN_A, "fleet_features@v1 telematics " + input));
                assertEquals(Status.Code.PERMISSION_DENIED,
                        TestGateway.codeOf(() -> TestGateway.start(channel, BearerTokenTest.TOKEN_B, "fleet_features@v1 telematics " + input)));
                assertEquals(Status.Code.UNAUTHENTICATED,
                        TestGateway.codeOf(() -> TestGateway.start(channel, "wrong-" + BearerTokenTest.TOKEN_A, "fleet_features@v1 telematics " + input)));
            } finally {
                channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
        }
        List<String> lines = recorded.stream().map(SubstituteLoggingEvent::getMessage).toList();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("event=run_started flow=fleet_features version=v1 run_id=run-1 caller=svc-a outcome=started latency_ms="), lines.get(0));
        assertTrue(lines.get(1).startsWith("event=run_refused flow=fleet_features version=v1 caller=svc-b outcome=permission_denied latency_ms="), lines.get(1));
        assertTrue(lines.get(2).startsWith("event=run_refused flow=- version=- caller=- outcome=unauthenticated latency_ms="), lines.get(2));
        for (String line : lines) {
            assertFalse(line.contains(BearerTokenTest.TOKEN_A) || line.contains(BearerTokenTest.TOKEN_B), line);
            assertFalse(line.contains("secret-fleet-0451") || line.contains("fleet_id"), line);
        }
        String scrape = metrics.scrape();
        assertTrue(scrape.contains("flowctl_gateway_runs_total{flow=\"fleet_features\",version=\"v1\",outcome=\"started\"} 1\n"), scrape);
        assertTrue(scrape.contains("flowctl_gateway_runs_total{flow=\"fleet_features\",version=\"v1\",outcome=\"permission_denied\"} 1\n"), scrape);
        assertTrue(scrape.contains("flowctl_gateway_runs_total{flow=\"\",version=\"\",outcome=\"unauthenticated\"} 1\n"), scrape);
        assertFalse(scrape.contains("secret-fleet-0451"), scrape);
    }
}
