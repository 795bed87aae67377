package dev.flowctl.gateway;

import dev.flowctl.port.FlowEngine;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code flowctl serve}: a gRPC server that serves, from the applied state of one environment, every
 * deployed version's generated service and the generic {@code flowctl.v1.Runs}, with health checking
 * and server reflection, and swaps what it serves whenever the state changes.
 *
 * <p>Security and operability plug in through the {@link Builder}: {@link Builder#credentials} (TLS),
 * {@link Builder#interceptors} (authentication, run in the order given before any handler),
 * {@link Builder#accessPolicy} (which caller may act on which version) and {@link Builder#listener}
 * (run started/refused and reload events for logs and metrics).
 */
public final class Gateway implements AutoCloseable {
    /** Requests above this are refused before they are read whole: run inputs are small. */
    public static final int DEFAULT_MAX_INBOUND_BYTES = 4 * 1024 * 1024;

    private final Server server;
    private final HealthStatusManager health;
    private final ServedRegistry registry;
    private final AppliedSource source;
    private final FlowEngine engine;
    private final StartCalls starts;
    /** Where calls run, but for Start's steps before the engine call (see {@link StartCalls#onTransport}). */
    private final ExecutorService calls;
    private final GatewayListener listener;
    private final ScheduledExecutorService reloads;
    private final ScheduledExecutorService watches;
    private final Duration shutdownGrace;
    private final InetSocketAddress listen;
    /** The fingerprint last found unservable, so a broken state is reported once, not on every poll. */
    private volatile String failedFingerprint;
    /** The benchmarking hook, null unless -Dflowctl.gateway.timing names a file (see GatewayTiming). */
    private final GatewayTiming timing;

    private Gateway(Builder b) {
        this.source = b.source;
        this.timing = GatewayTiming.fromSystemProperty();
        this.engine = timing == null ? b.engine : timing.engine(b.engine);
        this.listener = b.listener;
        this.shutdownGrace = b.shutdownGrace;
        this.listen = b.listen;
        this.reloads = Executors.newSingleThreadScheduledExecutor(daemon("flowctl-gateway-reload"));
        this.watches = Executors.newScheduledThreadPool(2, daemon("flowctl-gateway-watch"));
        ServedRegistry[] holder = new ServedRegistry[1];
        this.calls = Executors.newCachedThreadPool(daemon("flowctl-gateway-call"));
        this.starts = new StartCalls(() -> holder[0].current(), b.accessPolicy, listener, calls);
        String fingerprint = source.fingerprint();
        this.registry = holder[0] = new ServedRegistry(Catalog.build(fingerprint, source.read(), engine, starts));
        this.health = new HealthStatusManager();
        NettyServerBuilder sb = NettyServerBuilder.forAddress(b.listen, b.credentials)
                .maxInboundMessageSize(b.maxInboundBytes)
                .fallbackHandlerRegistry(registry)
                .addService(new RunsService(registry::current, starts, b.accessPolicy, watches, b.watchEvery).definition())
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .addService(legacyReflection())
                .intercept(new CallContext.Interceptor())
                .directExecutor()   // the method's lookup; then the call moves to `calls` unless it is a Start
                .callExecutor(new ServerCallExecutorSupplier() {
                    @Override
                    public <Q, A> Executor getExecutor(ServerCall<Q, A> call, Metadata headers) {
                        return StartCalls.onTransport(call.getMethodDescriptor()) ? null : calls;
                    }
                });
        if (timing != null) sb.addStreamTracerFactory(timing.tracers());
        // ServerBuilder runs interceptors in reverse order of adding: add the list backwards so it runs as given.
        List<ServerInterceptor> interceptors = new ArrayList<>(b.interceptors);
        java.util.Collections.reverse(interceptors);
        interceptors.forEach(sb::intercept);
        this.server = sb.build();
    }

    /** grpcurl before 1.9 and many tools still ask the v1alpha reflection service. */
    @SuppressWarnings("deprecation")
    private static io.grpc.BindableService legacyReflection() {
        return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
    }

    public static Builder builder(AppliedSource source, FlowEngine engine) {
        return new Builder(source, engine);
    }

    private Gateway startServing(Duration reloadEvery) {
        try {
            server.start();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot listen on " + listen + ": " + e.getMessage(), e);
        }
        health.setStatus("", ServingStatus.SERVING);
        health.setStatus(RunsService.SERVICE.getFullName(), ServingStatus.SERVING);
        Catalog first = registry.current();
        listener.served(first.versions(), first.serial());
        long every = reloadEvery.toMillis();
        reloads.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The address the server listens on (the real port when 0 was asked). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getListenSockets().get(0);
    }

    /** The versions ({@code flow@version}) served now. */
    public List<String> served() {
        return registry.current().versions();
    }

    /** Reads the state again if its fingerprint changed and serves what it holds; keeps serving the old on failure. */
    void reloadIfChanged() {
        String fingerprint;
        try {
            fingerprint = source.fingerprint();
            if (Objects.equals(fingerprint, registry.current().fingerprint) || Objects.equals(fingerprint, failedFingerprint)) return;
        } catch (RuntimeException e) {
            listener.reloadFailed(e.getMessage());
            return;
        }
        try {
            Catalog next = Catalog.build(fingerprint, source.read(), engine, starts);
            registry.swap(next);
            failedFingerprint = null;
            listener.served(next.versions(), next.serial());
        } catch (RuntimeException e) {
            failedFingerprint = fingerprint;
            listener.reloadFailed(e.getMessage());
        }
    }

    /** Blocks until the server has shut down. */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /**
     * Stops taking calls, lets the calls in flight finish (at most the shutdown grace), then stops.
     * Health turns NOT_SERVING first so a load balancer stops sending.
     */
    @Override
    public void close() {
        health.enterTerminalState();
        reloads.shutdownNow();
        server.shutdown();
        try {
            if (!server.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) server.shutdownNow();
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            watches.shutdownNow();
            calls.shutdownNow();
            if (timing != null) timing.close();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** How to start a gateway; every setting has a default fit for loopback. */
    public static final class Builder {
        private final AppliedSource source;
        private final FlowEngine engine;
        private InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 50051);
        private ServerCredentials credentials = InsecureServerCredentials.create();
        private List<ServerInterceptor> interceptors = List.of();
        private AccessPolicy accessPolicy = AccessPolicy.allowAll();
        private GatewayListener listener = new GatewayListener() {
        };
        private Duration reloadEvery = Duration.ofSeconds(5);
        private Duration watchEvery = Duration.ofSeconds(1);
        private Duration shutdownGrace = Duration.ofSeconds(30);
        private int maxInboundBytes = DEFAULT_MAX_INBOUND_BYTES;

        private Builder(AppliedSource source, FlowEngine engine) {
            this.source = Objects.requireNonNull(source);
            this.engine = Objects.requireNonNull(engine);
        }

        /** Where to listen; port 0 takes any free port (see {@link Gateway#address()}). Default 127.0.0.1:50051. */
        public Builder listen(InetSocketAddress address) {
            this.listen = address;
            return this;
        }

        /** The transport security: TLS (and mTLS) credentials from the security layer. Default: plaintext. */
        public Builder credentials(ServerCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /**
         * Interceptors every call passes, in this order, before any handler (authentication, logging). They must
         * not block: a Start passes them on the transport's thread (see {@code StartCalls.onTransport}).
         */
        public Builder interceptors(List<ServerInterceptor> interceptors) {
            this.interceptors = List.copyOf(interceptors);
            return this;
        }

        /** Who may act on which version; default allows everything. */
        public Builder accessPolicy(AccessPolicy policy) {
            this.accessPolicy = policy;
            return this;
        }

        public Builder listener(GatewayListener listener) {
            this.listener = listener;
            return this;
        }

        /** How often the state's fingerprint is polled for a reload. Default 5 s. */
        public Builder reloadEvery(Duration every) {
            this.reloadEvery = positive(every, "reloadEvery");
            return this;
        }

        /** How often Runs/Watch asks the engine. Default 1 s. */
        public Builder watchEvery(Duration every) {
            this.watchEvery = positive(every, "watchEvery");
            return this;
        }

        /** How long close() lets calls in flight finish. Default 30 s. */
        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = grace;
            return this;
        }

        public Builder maxInboundMessageBytes(int bytes) {
            this.maxInboundBytes = bytes;
            return this;
        }

        /**
         * Reads the applied state, builds every service and starts listening.
         *
         * @throws UncheckedIOException when the address cannot be bound
         */
        public Gateway start() {
            return new Gateway(this).startServing(reloadEvery);
        }

        private static Duration positive(Duration d, String what) {
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be positive");
            return d;
        }
    }
}
