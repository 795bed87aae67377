package dev.flowctl.gateway;

import dev.flowctl.port.Deployment;
import dev.flowctl.port.DeploymentRequest;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.LiveFlowVersion;
import dev.flowctl.port.Owner;
import dev.flowctl.port.RunInfo;
import dev.flowctl.port.RunRef;
import dev.flowctl.port.RunRequest;
import dev.flowctl.spec.FlowVersionAddress;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A benchmarking hook, off unless the system property {@value #PROPERTY} names a file: then every Start
 * call writes one line there, with nanosecond offsets from the moment its headers arrived on the
 * transport, so the gateway's own share of a call can be told apart from the engine's
 * (bench/gateway reads it):
 * <pre>
 * method outcome handler engine_in engine_out answered closed read
 * </pre>
 * {@code handler}: the Start handler began (after the transport, the interceptors and the request's
 * parse); {@code engine_in}/{@code engine_out}: the engine's {@code start} was called and returned
 * (-1 when the call never reached the engine); {@code answered}: the answer was about to be handed to gRPC;
 * {@code closed}: the stream closed, its trailers written; {@code read}: the request message was read
 * whole off the transport (before it, the gateway waits for the client's data frames, which is not its
 * own work). Only names and numbers, never an input.
 */
final class GatewayTiming implements AutoCloseable {
    static final String PROPERTY = "flowctl.gateway.timing";
    private static final Context.Key<Call> CALL = Context.key("flowctl-timing");

    private final BufferedWriter out;

    private GatewayTiming(BufferedWriter out) {
        this.out = out;
    }

    /** The hook the system property asks for, or null (the default: nothing is measured). */
    static GatewayTiming fromSystemProperty() {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) return null;
        try {
            return new GatewayTiming(Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the timing file " + file + " (-D" + PROPERTY + "): " + e.getMessage(), e);
        }
    }

    /** Notes that the Start handler of the current call began. */
    static void handlerBegan() {
        Call c = CALL.get();
        if (c != null) c.handler = System.nanoTime();
    }

    /** Notes that the Start handler of the current call handed its answer to gRPC. */
    static void answered(String method, Status.Code outcome) {
        Call c = CALL.get();
        if (c == null) return;
        c.method = method;
        c.outcome = outcome;
        c.answered = System.nanoTime();
    }

    ServerStreamTracer.Factory tracers() {
        return new ServerStreamTracer.Factory() {
            @Override
            public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
                return new Call();
            }
        };
    }

    /** The engine, with the time of every {@code start} noted on the call that made it. */
    FlowEngine engine(FlowEngine engine) {
        return new TimedEngine(engine);
    }

    private synchronized void write(Call c) {
        try {
            out.write(c.method + ' ' + c.outcome + ' ' + (c.handler - c.received) + ' ' + offset(c, c.engineIn) + ' ' + offset(c, c.engineOut)
                    + ' ' + (c.answered - c.received) + ' ' + (c.closed - c.received) + ' ' + offset(c, c.read) + '\n');
        } catch (IOException e) {
            // a benchmark aid: losing a line must never fail a call
        }
    }

    private static long offset(Call c, long t) {
        return t == 0 ? -1 : t - c.received;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            // stopping: nothing more to do with it
        }
    }

    /** One call's moments; written by the transport and handler threads in turn (gRPC orders them). */
    private final class Call extends ServerStreamTracer {
        final long received = System.nanoTime();
        volatile long read;
        volatile long handler;
        volatile long engineIn;
        volatile long engineOut;
        volatile long answered;
        volatile long closed;
        volatile String method;
        volatile Status.Code outcome;

        @Override
        public Context filterContext(Context context) {
            return context.withValue(CALL, this);
        }

        @Override
        public void inboundMessageRead(int seqNo, long optionalWireSize, long optionalUncompressedSize) {
            if (read == 0) read = System.nanoTime();
        }

        @Override
        public void streamClosed(Status status) {
            closed = System.nanoTime();
            if (handler != 0 && answered != 0) write(this);
        }
    }

    private record TimedEngine(FlowEngine engine) implements FlowEngine {
        @Override
        public RunRef start(RunRequest request) {
            Call c = CALL.get();
            if (c != null) c.engineIn = System.nanoTime();
            try {
                return engine.start(request);
            } finally {
                if (c != null) c.engineOut = System.nanoTime();
            }
        }

        @Override
        public String type() {
            return engine.type();
        }

        @Override
        public Deployment deploy(DeploymentRequest request) {
            return engine.deploy(request);
        }

        @Override
        public void delete(Owner owner, FlowVersionAddress address, String engineRef) {
            engine.delete(owner, address, engineRef);
        }

        @Override
        public List<LiveFlowVersion> list(Owner owner) {
            return engine.list(owner);
        }

        @Override
        public boolean canList() {
            return engine.canList();
        }

        @Override
        public boolean listRunsSpecCommands() {
            return engine.listRunsSpecCommands();
        }

        @Override
        public Deployment adopt(DeploymentRequest desired, String engineRef) {
            return engine.adopt(desired, engineRef);
        }

        @Override
        public RunInfo describe(Owner owner, RunRef run) {
            return engine.describe(owner, run);
        }

        @Override
        public void cancel(Owner owner, RunRef run) {
            engine.cancel(owner, run);
        }

        @Override
        public List<RunInfo> runs(Owner owner, FlowVersionAddress address, String engineRef, int limit) {
            return engine.runs(owner, address, engineRef, limit);
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}
