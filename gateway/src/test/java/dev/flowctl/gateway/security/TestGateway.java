package dev.flowctl.gateway.security;

import dev.flowctl.gateway.ops.RunEvents;
import dev.flowctl.spec.FlowVersionAddress;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real grpc-java server over Netty, secured by {@link GatewaySecurity} exactly as the gateway core
 * does it, serving one protected method the way a Start handler does: its request is
 * {@code flow@version owner input}; it authorizes the caller for that flow version, reports the run to
 * {@link RunEvents} and answers a run id. The service is a stand-in; the security around it is real.
 */
final class TestGateway implements AutoCloseable {
    static final MethodDescriptor.Marshaller<String> STRING = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    static final MethodDescriptor<String, String> START = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("test.Fleet/Start")
            .setRequestMarshaller(STRING).setResponseMarshaller(STRING).build();

    final GatewaySecurity security;
    final Server server;
    final AtomicInteger handled = new AtomicInteger();
    /** When set, each call waits here after counting down {@link #entered}: holds calls in flight. */
    volatile CountDownLatch hold;
    final CountDownLatch entered = new CountDownLatch(1);

    TestGateway(GatewaySecurity security, RunEvents events) throws IOException {
        this.security = security;
        ServerServiceDefinition service = ServerServiceDefinition.builder("test.Fleet")
                .addMethod(START, ServerCalls.asyncUnaryCall((request, response) -> {
                    long started = System.nanoTime();
                    handled.incrementAndGet();
                    String[] parts = request.split(" ", 3);
                    FlowVersionAddress address = FlowVersionAddress.parse(parts[0]);
                    try {
                        String caller = security.authorize(address, parts[1]);
                        awaitHold();
                        String runId = "run-" + handled.get();
                        events.started(address, runId, caller, Duration.ofNanos(System.nanoTime() - started));
                        response.onNext(runId);
                        response.onCompleted();
                    } catch (StatusRuntimeException e) {
                        events.refused(address, security.caller(), e.getStatus().getCode(), Duration.ofNanos(System.nanoTime() - started));
                        response.onError(e);
                    }
                })).build();
        // As the gateway builds its server: the listen address and credentials, the size limit, the interceptors in order.
        NettyServerBuilder builder = NettyServerBuilder.forAddress(security.listen(), security.credentials())
                .maxInboundMessageSize(security.maxInboundMessageBytes());
        List<ServerInterceptor> interceptors = new ArrayList<>(security.interceptors(events));
        Collections.reverse(interceptors);
        interceptors.forEach(builder::intercept);
        this.server = builder.addService(service).addService(new HealthStatusManager().getHealthService()).build().start();
    }

    private void awaitHold() {
        CountDownLatch latch = hold;
        if (latch == null) return;
        entered.countDown();
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int port() {
        return server.getPort();
    }

    /** Calls Start with {@code request}, sending {@code token} as a bearer token unless null. */
    static String start(ManagedChannel channel, String token, String request) {
        Metadata headers = new Metadata();
        if (token != null) headers.put(BearerTokenInterceptor.AUTHORIZATION, "Bearer " + token);
        return ClientCalls.blockingUnaryCall(io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                START, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), request);
    }

    /** The flowctl code in the status's google.rpc.ErrorInfo detail, as a client program reads it; fails when there is none. */
    static String flowctlCode(StatusRuntimeException e) {
        com.google.rpc.Status status = io.grpc.protobuf.StatusProto.fromThrowable(e);
        if (status != null) {
            for (com.google.protobuf.Any detail : status.getDetailsList()) {
                if (!detail.is(com.google.rpc.ErrorInfo.class)) continue;
                try {
                    com.google.rpc.ErrorInfo info = detail.unpack(com.google.rpc.ErrorInfo.class);
                    if (!info.getReason().equals(dev.flowctl.errors.ErrorCode.byId(info.getMetadataOrThrow("code")).orElseThrow().name())) {
                        throw new AssertionError("reason " + info.getReason() + " is not the name of " + info.getMetadataOrThrow("code"));
                    }
                    return info.getMetadataOrThrow("code");
                } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                    throw new AssertionError(x);
                }
            }
        }
        throw new AssertionError("no ErrorInfo in " + e.getStatus());
    }

    static Status.Code codeOf(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    @Override
    public void close() throws InterruptedException {
        CountDownLatch latch = hold;
        if (latch != null) latch.countDown();
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
}
