package dev.flowctl.gateway.security;

import dev.flowctl.gateway.ops.RunEvents;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Beyond the limit of calls in progress, a call is refused at once with RESOURCE_EXHAUSTED; the slot comes back. */
class ConcurrencyLimitTest {
    @Test
    void oneCallTooManyIsResourceExhaustedAndTheSlotIsFreedWhenTheFirstAnswers() throws Exception {
        GatewaySecurity security = GatewaySecurity.configure(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, null,
                new GatewayLimits(1, 1 << 20));
        try (TestGateway gateway = new TestGateway(security, RunEvents.NONE)) {
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", gateway.port(), InsecureChannelCredentials.create()).build();
            try {
                CountDownLatch release = new CountDownLatch(1);
                gateway.hold = release;
                CompletableFuture<String> first = CompletableFuture.supplyAsync(
                        () -> TestGateway.start(channel, null, "fleet_features@v1 telematics {}"));
                assertTrue(gateway.entered.await(30, TimeUnit.SECONDS));

                StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                        () -> TestGateway.start(channel, null, "fleet_features@v1 telematics {}"));
                assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
                assertEquals("The gateway is at its limit of 1 concurrent calls: retry with backoff.", e.getStatus().getDescription());
                assertEquals("FLOWCTL-E0612", TestGateway.flowctlCode(e));

                gateway.hold = null;
                release.countDown();
                assertEquals("run-1", first.get(30, TimeUnit.SECONDS));
                assertEquals("run-2", TestGateway.start(channel, null, "fleet_features@v1 telematics {}"));
            } finally {
                channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aMessageOverTheSizeLimitIsRefused() throws Exception {
        GatewaySecurity security = GatewaySecurity.configure(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, null,
                new GatewayLimits(4, 1024));
        try (TestGateway gateway = new TestGateway(security, RunEvents.NONE)) {
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", gateway.port(), InsecureChannelCredentials.create()).build();
            try {
                String big = "fleet_features@v1 telematics " + "x".repeat(2048);
                assertEquals(Status.Code.RESOURCE_EXHAUSTED, TestGateway.codeOf(() -> TestGateway.start(channel, null, big)));
                assertEquals(0, gateway.handled.get());
            } finally {
                channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }
}
