package dev.flowctl.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.flowctl.codegen.SharedContracts;
import dev.flowctl.port.RunRef;
import dev.flowctl.spec.Deprecation;
import dev.flowctl.spec.FlowVersionAddress;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every Start, of a flow service or of Runs, goes through here: the deadline, the access policy,
 * the input check and the engine call of the current catalog, the status, and one event.
 */
final class StartCalls {
    static final Descriptor RUN_REF = SharedContracts.run().findMessageTypeByName("RunRef");
    // Looked up once: every answered Start fills these three.
    private static final FieldDescriptor RUN_ID = RUN_REF.findFieldByName("run_id");
    private static final FieldDescriptor FLOW = RUN_REF.findFieldByName("flow");
    private static final FieldDescriptor VERSION = RUN_REF.findFieldByName("version");

    /**
     * Whether gRPC runs this method's call on the transport's own thread, which has just read the request: a
     * Start's interceptors (the gateway's own never block) and the request's parse, until {@link #start} hands
     * it to the gateway's call threads. Measured in bench/gateway: on a loaded core every hand-over between
     * threads waits for the CPU, and gRPC's default (each step on its executor, with a round trip to the
     * transport in between to read the message) made three of them before the engine call, now one.
     */
    static boolean onTransport(MethodDescriptor<?, ?> method) {
        return "Start".equals(method.getBareMethodName());
    }

    private final Supplier<Catalog> current;
    private final AccessPolicy policy;
    private final GatewayListener listener;
    private final Executor calls;

    StartCalls(Supplier<Catalog> current, AccessPolicy policy, GatewayListener listener, Executor calls) {
        this.current = current;
        this.policy = policy;
        this.listener = listener;
        this.calls = calls;
    }

    /**
     * Starts a run of {@code address} (null: the request named none readably, {@code input} throws)
     * with the canonical input {@code input} computes from the current catalog. Called on the transport's
     * thread (see {@link #onTransport}), it hands the call to the gateway's call threads at once: the access
     * policy may be anything, and the engine call blocks.
     */
    void start(String method, FlowVersionAddress address, Function<Catalog, JsonNode> input, StreamObserver<DynamicMessage> response) {
        long begun = System.nanoTime();
        GatewayTiming.handlerBegan();
        String caller = CallContext.caller();
        Runnable call = Context.current().wrap(() -> {
            try {
                RunRef ref = start(address, input, caller);
                GatewayTiming.answered(method, Status.Code.OK);
                response.onNext(runRef(ref));
                response.onCompleted();
                listener.runStarted(new StartEvent(method, address, ref.runId(), caller, Status.Code.OK, since(begun)));
            } catch (RuntimeException e) {
                refuse(method, address, caller, e, response, begun);
            }
        });
        try {
            calls.execute(call);
        } catch (RejectedExecutionException e) {   // the gateway is stopping
            refuse(method, address, caller, Status.UNAVAILABLE.withDescription("The gateway is stopping: retry.").asRuntimeException(),
                    response, begun);
        }
    }

    private RunRef start(FlowVersionAddress address, Function<Catalog, JsonNode> input, String caller) {
        if (address != null) policy.check(address);
        Catalog catalog = current.get();
        Deprecation deprecation = catalog.deprecation(address);
        if (deprecation != null) {
            CallContext.markDeprecated(deprecation.headerValue());
            listener.deprecatedCalled(address, deprecation, caller);
        }
        JsonNode canonical = input.apply(catalog);
        String key = CallContext.IDEMPOTENCY_KEY.get();
        if (key != null && (key.isEmpty() || key.length() > CallContext.MAX_IDEMPOTENCY_KEY)) {
            throw Statuses.badIdempotencyKey("metadata idempotency-key must be 1 to " + CallContext.MAX_IDEMPOTENCY_KEY + " characters.");
        }
        // Asked last before the engine call, so that DEADLINE_EXCEEDED from here means nothing was started. (grpc-java
        // itself drops a call whose deadline passed before this handler ran.) A deadline that passes during the engine
        // call cannot un-start the run: it is reported as started, and the caller's retry with its key gets it.
        Context context = Context.current();
        Deadline deadline = context.getDeadline();
        if ((deadline != null && deadline.isExpired()) || context.isCancelled()) throw Statuses.deadlinePassed();
        return catalog.runs.start(address, canonical, key);
    }

    private void refuse(String method, FlowVersionAddress address, String caller, RuntimeException e, StreamObserver<DynamicMessage> response,
            long begun) {
        StatusRuntimeException status = Statuses.of(e);
        GatewayTiming.answered(method, status.getStatus().getCode());
        response.onError(status);
        listener.runRefused(new StartEvent(method, address, null, caller, status.getStatus().getCode(), since(begun)));
    }

    static DynamicMessage runRef(RunRef ref) {
        return DynamicMessage.newBuilder(RUN_REF).setField(RUN_ID, ref.runId()).setField(FLOW, ref.address().flow())
                .setField(VERSION, ref.address().version()).build();
    }

    private static Duration since(long begun) {
        return Duration.ofNanos(System.nanoTime() - begun);
    }
}
