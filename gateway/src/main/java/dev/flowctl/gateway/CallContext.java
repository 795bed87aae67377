package dev.flowctl.gateway;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.SocketAddress;

/**
 * What a call carries besides its message, as {@link Context} keys the handlers read: the
 * idempotency key from metadata, the peer address, and the caller's identity, which the security
 * interceptor sets ({@link #CALLER}) once it has authenticated the call.
 */
public final class CallContext {
    /** The request metadata that makes a Start at-most-once per key. */
    public static final Metadata.Key<String> IDEMPOTENCY_KEY_HEADER = Metadata.Key.of("idempotency-key", Metadata.ASCII_STRING_MARSHALLER);
    /** The longest idempotency key accepted; engines derive run names from it. */
    public static final int MAX_IDEMPOTENCY_KEY = 128;

    /**
     * The response metadata a call to a deprecated version carries, e.g.
     * {@code flowctl-deprecated: replacement=v2; sunset=2027-03-01} (in the headers, or the trailers of a refusal).
     */
    public static final Metadata.Key<String> DEPRECATED_HEADER = Metadata.Key.of("flowctl-deprecated", Metadata.ASCII_STRING_MARSHALLER);

    static final Context.Key<String> IDEMPOTENCY_KEY = Context.key("flowctl-idempotency-key");
    /** Where a handler leaves the {@link #DEPRECATED_HEADER} value for the interceptor to send. */
    static final Context.Key<java.util.concurrent.atomic.AtomicReference<String>> DEPRECATED = Context.key("flowctl-deprecated");
    static final Context.Key<String> PEER = Context.key("flowctl-peer");
    /** Who is calling, as the authentication interceptor established it (a token's name, a certificate subject). */
    public static final Context.Key<String> CALLER = Context.key("flowctl-caller");

    private CallContext() {
    }

    /** The caller for events: {@link #CALLER} when set, else the peer address. */
    static String caller() {
        String c = CALLER.get();
        return c != null ? c : PEER.get();
    }

    /** Marks the current call as one to a deprecated version: its answer carries {@link #DEPRECATED_HEADER}. */
    static void markDeprecated(String value) {
        java.util.concurrent.atomic.AtomicReference<String> holder = DEPRECATED.get();
        if (holder != null) holder.set(value);
    }

    /** Adds {@link #DEPRECATED_HEADER} to the headers (or, for a call refused before any, the trailers) once a handler set it. */
    private static final class DeprecationHeader<Q, A> extends io.grpc.ForwardingServerCall.SimpleForwardingServerCall<Q, A> {
        private final java.util.concurrent.atomic.AtomicReference<String> value;
        private boolean headersSent;

        DeprecationHeader(ServerCall<Q, A> call, java.util.concurrent.atomic.AtomicReference<String> value) {
            super(call);
            this.value = value;
        }

        @Override
        public void sendHeaders(Metadata headers) {
            String v = value.get();
            if (v != null) headers.put(DEPRECATED_HEADER, v);
            headersSent = true;
            super.sendHeaders(headers);
        }

        @Override
        public void close(io.grpc.Status status, Metadata trailers) {
            String v = value.get();
            if (v != null && !headersSent) trailers.put(DEPRECATED_HEADER, v);
            super.close(status, trailers);
        }
    }

    /** Copies the idempotency key and the peer address into the call's context. */
    static final class Interceptor implements ServerInterceptor {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
            SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
            java.util.concurrent.atomic.AtomicReference<String> deprecated = new java.util.concurrent.atomic.AtomicReference<>();
            Context ctx = Context.current().withValues(IDEMPOTENCY_KEY, headers.get(IDEMPOTENCY_KEY_HEADER), PEER, String.valueOf(peer),
                    DEPRECATED, deprecated);
            return Contexts.interceptCall(ctx, new DeprecationHeader<>(call, deprecated), headers, next);
        }
    }
}
