package dev.flowctl.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.flowctl.apply.ApplyListener;
import dev.flowctl.apply.ApplyResult;
import dev.flowctl.apply.ApplySession;
import dev.flowctl.codegen.FlowsLock;
import dev.flowctl.engine.adapters.Engines;
import dev.flowctl.plan.Planner;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.plan.SourceFiles;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import dev.flowctl.state.LockInfo;
import dev.flowctl.state.StoredState;
import dev.flowctl.state.local.LocalStateBackend;
import io.grpc.CallOptions;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller's deadline, end to end: a real gateway over an applied project whose command engine is
 * slow to start a run (its run command waits for the test's gate file). A deadline that has passed
 * when the call reaches the gateway's Start is refused before the engine is called; a deadline that
 * passes while the engine starts the run cannot un-start it, so the gateway reports the run as
 * started and a retry with the same idempotency key gets it.
 */
class DeadlineTest {
    /** A hang guard, not a performance assertion. */
    private static final long GUARD_SECONDS = 60;
    /** Long enough for a call to reach the engine on a loaded machine, short enough to pass while the engine waits. */
    private static final long DEADLINE_MILLIS = 3000;
    private static final Metadata.Key<String> HOLD = Metadata.Key.of("x-test-hold-until-deadline", Metadata.ASCII_STRING_MARSHALLER);

    @TempDir
    Path dir;
    private Path gate;
    private Path starts;
    private FlowEngine engine;
    private Gateway gateway;
    private ManagedChannel channel;
    private final BlockingQueue<StartEvent> started = new LinkedBlockingQueue<>();
    private final BlockingQueue<StartEvent> refused = new LinkedBlockingQueue<>();
    /** When set, the access policy holds each call until its deadline has passed: the gateway's own work outlasts it. */
    private volatile boolean holdInPolicy;

    @BeforeEach
    void applyAndServe() throws Exception {
        gate = dir.resolve("gate");
        starts = dir.resolve("starts");
        Path script = Path.of(DeadlineTest.class.getResource("/deadline/engine.sh").toURI());
        Files.createDirectories(dir.resolve("flows"));
        Files.writeString(dir.resolve("flows/fleet_features.py"), "print('features')\n");
        Files.writeString(dir.resolve("flows.yaml"), """
                project: deadlines
                engine:
                  type: command
                  deploy: sh %1$s deploy
                  delete: sh %1$s delete
                  run: sh %1$s run
                  env: { GATE: '%2$s', STARTS: '%3$s' }
                flows:
                  fleet_features:
                    source: flows/fleet_features.py
                    versions:
                      v1:
                        inputs:
                          fleet_id: { type: string, required: true }
                """.formatted(script, gate, starts));
        Spec spec = SpecParser.parse(dir.resolve("flows.yaml"));
        engine = Engines.create(spec.engineFor(null), dir);
        LocalStateBackend backend = new LocalStateBackend(dir.resolve(".flowctl/state.json"));
        try (ApplySession session = ApplySession.open(backend, LockInfo.forThisProcess("apply", "test"), Duration.ZERO, "test")) {
            ApplyResult result = session.apply(new Planner().plan(spec, null, session.state()), SourceFiles.of(spec), engine, 1,
                    ApplyListener.NONE);
            assertTrue(result.ok(), result.toString());
        }
        AppliedSource source = new AppliedSource() {
            @Override
            public String fingerprint() {
                return backend.fingerprint();
            }

            @Override
            public Applied read() {
                return new Applied(spec, null, FlowsLock.empty(), backend.read().map(StoredState::document).orElse(null));
            }
        };
        gateway = Gateway.builder(source, engine).listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .interceptors(List.of(new HoldUntilDeadline())).accessPolicy(address -> {
                    if (holdInPolicy) awaitDeadline();
                }).listener(new GatewayListener() {
                    @Override
                    public void runStarted(StartEvent event) {
                        started.add(event);
                    }

                    @Override
                    public void runRefused(StartEvent event) {
                        refused.add(event);
                    }
                }).start();
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", gateway.address().getPort(), InsecureChannelCredentials.create()).build();
    }

    @AfterEach
    void stop() throws Exception {
        if (!Files.exists(gate)) Files.writeString(gate, "open");
        if (channel != null) channel.shutdownNow().awaitTermination(GUARD_SECONDS, TimeUnit.SECONDS);
        if (gateway != null) gateway.close();
        if (engine != null) engine.close();
    }

    @Test
    void aDeadlineThatPassedBeforeTheCallReachedStartIsRefusedAndTheEngineIsNotCalled() throws Exception {
        Files.writeString(gate, "open");
        Metadata hold = new Metadata();
        hold.put(HOLD, "yes");
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> start("late-1", hold, DEADLINE_MILLIS));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());

        // grpc-java drops a call whose deadline passed before its handler ran (else Start refuses it): a later call with
        // time left is served, and it is the only run the engine was asked to start.
        DynamicMessage later = start("later-1", new Metadata(), TimeUnit.SECONDS.toMillis(GUARD_SECONDS));
        assertEquals(List.of(later.getField(StartCalls.RUN_REF.findFieldByName("run_id"))), Files.readAllLines(starts));
        assertTrue(refused.stream().allMatch(r -> r.outcome() == Status.Code.DEADLINE_EXCEEDED), refused.toString());
    }

    /** The gateway's own work (here its access policy) outlasts the deadline: Start refuses before it calls the engine. */
    @Test
    void aDeadlineThatPassesBeforeTheEngineIsCalledIsRefusedAndNothingIsStarted() throws Exception {
        Files.writeString(gate, "open");
        holdInPolicy = true;
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> start("late-2", new Metadata(), DEADLINE_MILLIS));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());

        StartEvent event = refused.poll(GUARD_SECONDS, TimeUnit.SECONDS);
        assertNotNull(event, "the gateway reports the refusal");
        assertEquals(Status.Code.DEADLINE_EXCEEDED, event.outcome());
        assertFalse(Files.exists(starts), "the engine was not asked to start a run");
        assertTrue(started.isEmpty(), started.toString());
    }

    @Test
    void aDeadlineThatPassesWhileTheEngineStartsTheRunLeavesTheRunStartedAndARetryWithTheKeyGetsIt() throws Exception {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> start("order-1", new Metadata(), DEADLINE_MILLIS));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
        assertEquals(1, Files.readAllLines(starts).size(), "the engine was asked to start the run before the deadline passed");

        Files.writeString(gate, "open");
        StartEvent event = started.poll(GUARD_SECONDS, TimeUnit.SECONDS);
        assertNotNull(event, "the run the engine started is reported as started, not refused: " + refused);
        assertEquals(Status.Code.OK, event.outcome());
        assertEquals(Files.readAllLines(starts).get(0), event.runId());
        assertTrue(refused.isEmpty(), refused.toString());

        DynamicMessage retried = start("order-1", new Metadata(), TimeUnit.SECONDS.toMillis(GUARD_SECONDS));
        assertEquals(event.runId(), retried.getField(StartCalls.RUN_REF.findFieldByName("run_id")), "the key names the run that was started");
    }

    /** Calls Runs/Start for fleet_features@v1 with an idempotency key and the given deadline. */
    private DynamicMessage start(String key, Metadata headers, long deadlineMillis) {
        MethodDescriptor m = RunsService.SERVICE.findMethodByName("Start");
        io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> method = io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(io.grpc.MethodDescriptor.generateFullMethodName(RunsService.SERVICE.getFullName(), "Start"))
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(m.getInputType())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(m.getOutputType()))).build();
        DynamicMessage request = DynamicMessage.newBuilder(m.getInputType())
                .setField(m.getInputType().findFieldByName("flow"), "fleet_features")
                .setField(m.getInputType().findFieldByName("version"), "v1")
                .setField(m.getInputType().findFieldByName("input_json"), "{\"fleet_id\": \"f-1\"}").build();
        headers.put(CallContext.IDEMPOTENCY_KEY_HEADER, key);
        return ClientCalls.blockingUnaryCall(io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                method, CallOptions.DEFAULT.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS), request);
    }

    /** Waits until the current call's deadline has passed (its context is cancelled then). */
    private static void awaitDeadline() {
        CountDownLatch cancelled = new CountDownLatch(1);
        Context.current().addListener(c -> cancelled.countDown(), Runnable::run);
        try {
            assertTrue(cancelled.await(GUARD_SECONDS, TimeUnit.SECONDS), "the call's deadline never passed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Holds a marked call, before any handler sees it, until its deadline has passed: the call reaches
     * Start late, as it would behind a long queue. Other calls pass at once. It holds the call, not the
     * thread: a Start's interceptors run on the transport's thread (see StartCalls.onTransport), so the
     * call is started, and what the transport delivered so far replayed, once the deadline has passed.
     */
    private static final class HoldUntilDeadline implements ServerInterceptor {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
            if (!headers.containsKey(HOLD)) return next.startCall(call, headers);
            Held<Q> held = new Held<>();
            Context context = Context.current();
            context.addListener(c -> context.run(() -> held.release(next.startCall(call, headers))), Runnable::run);
            return held;
        }
    }

    /** A call's events kept until the call is started, then handed on in order. */
    private static final class Held<Q> extends ServerCall.Listener<Q> {
        private final List<Consumer<ServerCall.Listener<Q>>> events = new ArrayList<>();
        private ServerCall.Listener<Q> started;

        synchronized void release(ServerCall.Listener<Q> listener) {
            events.forEach(e -> e.accept(listener));
            started = listener;
        }

        private synchronized void on(Consumer<ServerCall.Listener<Q>> event) {
            if (started != null) event.accept(started);
            else events.add(event);
        }

        @Override
        public void onMessage(Q message) {
            on(l -> l.onMessage(message));
        }

        @Override
        public void onHalfClose() {
            on(ServerCall.Listener::onHalfClose);
        }

        @Override
        public void onCancel() {
            on(ServerCall.Listener::onCancel);
        }

        @Override
        public void onComplete() {
            on(ServerCall.Listener::onComplete);
        }

        @Override
        public void onReady() {
            on(ServerCall.Listener::onReady);
        }
    }
}
