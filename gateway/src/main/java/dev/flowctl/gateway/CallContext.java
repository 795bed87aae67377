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

    static final Context.Key<String> IDEMPOTENCY_KEY = Context.key("flowctl-idempotency-key");
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

    /** Copies the idempotency key and the peer address into the call's context. */
    static final class Interceptor implements ServerInterceptor {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
            SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
            Context ctx = Context.current().withValues(IDEMPOTENCY_KEY, headers.get(IDEMPOTENCY_KEY_HEADER), PEER, String.valueOf(peer));
            return Contexts.interceptCall(ctx, call, headers, next);
        }
    }
}
