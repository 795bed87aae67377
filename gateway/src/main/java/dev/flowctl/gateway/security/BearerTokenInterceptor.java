package dev.flowctl.gateway.security;

import com.google.rpc.Code;
import dev.flowctl.errors.ErrorCode;
import dev.flowctl.gateway.ops.RunEvents;
import dev.flowctl.gateway.CallContext;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

import java.util.Optional;
import java.util.Set;

/**
 * Lets a call through only with {@code authorization: Bearer <token>} for a token in {@link Tokens};
 * otherwise UNAUTHENTICATED. The caller's grant is put in the call's {@link Context} for
 * {@link GatewaySecurity#authorize}. Health checks pass without a token (load balancers probe them);
 * everything else, reflection included, needs one. Messages never repeat the token.
 */
final class BearerTokenInterceptor implements ServerInterceptor {
    static final Context.Key<TokenGrant> GRANT = Context.key("flowctl-caller");
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Set<String> OPEN_SERVICES = Set.of("grpc.health.v1.Health");
    private static final String PREFIX = "bearer ";

    private final Tokens tokens;
    private final RunEvents events;

    BearerTokenInterceptor(Tokens tokens, RunEvents events) {
        this.tokens = tokens;
        this.events = events;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (OPEN_SERVICES.contains(call.getMethodDescriptor().getServiceName())) return next.startCall(call, headers);
        long started = System.nanoTime();
        String header = headers.get(AUTHORIZATION);
        if (header == null || header.length() <= PREFIX.length() || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            StartCalls.refuse(call, Code.UNAUTHENTICATED, ErrorCode.RUN_UNAUTHENTICATED,
                    "This gateway needs a bearer token: send the metadata header 'authorization: Bearer <token>'.", events, started);
            return new ServerCall.Listener<>() {
            };
        }
        Optional<TokenGrant> grant = tokens.authenticate(header.substring(PREFIX.length()).trim());
        if (grant.isEmpty()) {
            StartCalls.refuse(call, Code.UNAUTHENTICATED, ErrorCode.RUN_UNAUTHENTICATED,
                    "The bearer token was not accepted: use a token whose SHA-256 is listed in the gateway's token file.", events, started);
            return new ServerCall.Listener<>() {
            };
        }
        return Contexts.interceptCall(Context.current().withValue(GRANT, grant.get()).withValue(CallContext.CALLER, grant.get().name()),
                call, headers, next);
    }
}
