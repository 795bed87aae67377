package dev.flowctl.gateway.security;

import com.google.rpc.Code;
import dev.flowctl.errors.ErrorCode;
import dev.flowctl.gateway.ops.RunEvents;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code max} calls in progress; one more is refused at once with RESOURCE_EXHAUSTED, which
 * callers retry with backoff, rather than queued until memory or the engine gives out. A slot is freed
 * when the call is closed (before the caller sees the answer, so a caller that waits for its answer
 * always finds the slot free again) or cancelled. A Watch stream holds its slot while it streams.
 */
public final class ConcurrencyLimit implements ServerInterceptor {
    private final int max;
    private final RunEvents events;
    private final AtomicInteger inFlight = new AtomicInteger();

    public ConcurrencyLimit(int max, RunEvents events) {
        if (max < 1) throw new IllegalArgumentException("the concurrency limit must be at least 1, not " + max);
        this.max = max;
        this.events = events;
    }

    /** Calls in progress now (a gauge for metrics). */
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        long started = System.nanoTime();
        if (inFlight.incrementAndGet() > max) {
            inFlight.decrementAndGet();
            StartCalls.refuse(call, Code.RESOURCE_EXHAUSTED, ErrorCode.RUN_GATEWAY_BUSY, "The gateway is at its limit of " + max
                    + " concurrent calls: retry with backoff.", events, started);
            return new ServerCall.Listener<>() {
            };
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) inFlight.decrementAndGet();
        };
        ServerCall<Q, R> releasing = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                release.run();
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<Q> listener;
        try {
            listener = next.startCall(releasing, headers);
        } catch (RuntimeException | Error e) {
            release.run();
            throw e;
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onCancel() {
                release.run();
                super.onCancel();
            }

            @Override
            public void onComplete() {
                release.run();
                super.onComplete();
            }
        };
    }
}
