package dev.flowctl.gateway.security;

import com.google.rpc.Code;
import dev.flowctl.errors.ErrorCode;
import dev.flowctl.gateway.status.CodedStatus;
import dev.flowctl.gateway.ops.RunEvents;
import dev.flowctl.spec.FlowVersionAddress;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code flowctl serve} needs to be safe on its listen address, in one place: the listen
 * policy (checked when built), TLS/mTLS credentials, bearer-token authentication, bounded concurrency
 * and message size, and the per-flow permission check the Start handlers call.
 * <pre>
 * GatewaySecurity security = GatewaySecurity.configure(listen, tls, tokens, GatewayLimits.DEFAULT);
 * Gateway.builder(source, engine).credentials(security.credentials()).interceptors(security.interceptors(events))
 *        .maxInboundMessageBytes(security.maxInboundMessageBytes()).accessPolicy(a -> security.authorize(a, ownerOf(a)));
 * // the access policy runs once the flow version of a call is known:
 * String caller = security.authorize(address, owner);   // PERMISSION_DENIED if this caller may not
 * </pre>
 */
public final class GatewaySecurity {
    /** The caller's name in logs when the gateway runs without tokens (loopback only). */
    public static final String ANONYMOUS = "anonymous";

    private final InetSocketAddress listen;
    private final TlsSettings tls;
    private final Tokens tokens;
    private final GatewayLimits limits;

    private GatewaySecurity(InetSocketAddress listen, TlsSettings tls, Tokens tokens, GatewayLimits limits) {
        this.listen = listen;
        this.tls = tls;
        this.tokens = tokens;
        this.limits = limits;
    }

    /**
     * Checks the {@link ListenPolicy} and reads nothing else yet.
     *
     * @param tls    TLS files, or null for plaintext (loopback only)
     * @param tokens accepted tokens, or null for no authentication (loopback only: every caller may start
     *               every flow as {@value #ANONYMOUS})
     * @throws GatewaySecurityException one sentence saying what to add
     */
    public static GatewaySecurity configure(InetSocketAddress listen, TlsSettings tls, Tokens tokens, GatewayLimits limits) {
        ListenPolicy.check(listen, tls != null, tokens != null);
        return new GatewaySecurity(listen, tls, tokens, limits);
    }

    public InetSocketAddress listen() {
        return listen;
    }

    /** True when calls must carry a bearer token. */
    public boolean authenticates() {
        return tokens != null;
    }

    /**
     * TLS (mTLS with a client CA) credentials, or plaintext without TLS files. The credentials are
     * converted as the server will convert them, so unusable files fail here, in one sentence.
     *
     * @throws GatewaySecurityException when the TLS files cannot be used
     */
    public ServerCredentials credentials() {
        if (tls == null) return InsecureServerCredentials.create();
        ServerCredentials credentials = tls.credentials();
        try {
            NettyServerBuilder.forAddress(listen, credentials);
        } catch (IllegalArgumentException e) {
            throw new GatewaySecurityException("TLS could not be set up from " + tls.certificateChain() + " and " + tls.privateKey()
                    + (tls.mutual() ? " with client CA " + tls.clientCa() : "")
                    + ": give a PEM certificate chain and its PEM PKCS#8 private key ('openssl pkcs8 -topk8 -nocrypt' converts a key).", e);
        }
        return credentials;
    }

    /**
     * The interceptors for {@link dev.flowctl.gateway.Gateway.Builder#interceptors}, in the order they run:
     * the token check (when tokens are configured), then the concurrency limit, so a refused caller never
     * takes a slot. Calls refused here are reported to {@code events}.
     */
    public List<ServerInterceptor> interceptors(RunEvents events) {
        List<ServerInterceptor> list = new ArrayList<>();
        if (tokens != null) list.add(new BearerTokenInterceptor(tokens, events));
        list.add(new ConcurrencyLimit(limits.maxConcurrentCalls(), events));
        return list;
    }

    /** The largest request accepted, for {@link dev.flowctl.gateway.Gateway.Builder#maxInboundMessageBytes}. */
    public int maxInboundMessageBytes() {
        return limits.maxInboundMessageBytes();
    }

    /**
     * The name of the current call's caller, for logs: its token entry's name, or {@value #ANONYMOUS}
     * without tokens. Call it on the thread grpc calls the handler on (or in a context wrapped from it).
     */
    public String caller() {
        if (tokens == null) return ANONYMOUS;
        TokenGrant grant = BearerTokenInterceptor.GRANT.get();
        return grant == null ? null : grant.name();
    }

    /**
     * Allows the current call to start {@code address}, whose owner in applied state is {@code owner}
     * (null if none), and returns the caller's name; otherwise throws PERMISSION_DENIED naming the caller
     * and the flow version. Without tokens everything is allowed. Call it on the handler's thread.
     */
    public String authorize(FlowVersionAddress address, String owner) {
        if (tokens == null) return ANONYMOUS;
        TokenGrant grant = BearerTokenInterceptor.GRANT.get();
        if (grant == null) {
            // Deny by default: a call that did not pass the token check (a service exempt from it) starts nothing.
            throw CodedStatus.exception(Code.PERMISSION_DENIED, ErrorCode.RUN_PERMISSION_DENIED,
                    "This call carries no accepted bearer token, so it may not start " + address + ".");
        }
        if (grant.permits(address.flow(), address.version(), owner)) return grant.name();
        throw CodedStatus.exception(Code.PERMISSION_DENIED, ErrorCode.RUN_PERMISSION_DENIED, "The caller '" + grant.name()
                + "' may not start " + address + ": add " + address.flow() + "@" + address.version()
                + (owner != null ? " (or its owner " + owner + ")" : "") + " to that caller's entry in the gateway's token file.");
    }
}
