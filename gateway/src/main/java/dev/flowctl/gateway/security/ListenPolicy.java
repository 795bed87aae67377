package dev.flowctl.gateway.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where the gateway may listen: on loopback it needs nothing; on any other address (another
 * interface, 0.0.0.0, a name that does not resolve) callers from the network reach it, so it refuses
 * to start unless it has both TLS and bearer tokens — plaintext tokens on a network, or TLS without
 * anyone being asked who they are, would each be an open door.
 */
public final class ListenPolicy {
    private ListenPolicy() {
    }

    /** True when only this machine can connect to {@code address}. */
    public static boolean isLoopback(InetSocketAddress address) {
        InetAddress host = address.getAddress();
        return host != null && host.isLoopbackAddress();
    }

    /**
     * Throws a {@link GatewaySecurityException} naming what to add when {@code address} is not
     * loopback and TLS or tokens are missing.
     */
    public static void check(InetSocketAddress address, boolean tls, boolean tokens) {
        if (isLoopback(address) || (tls && tokens)) return;
        String missing = !tls && !tokens ? "TLS and bearer tokens" : !tls ? "TLS" : "bearer tokens";
        String add = !tls && !tokens ? "--tls-cert FILE, --tls-key FILE and --tokens FILE (or FLOWCTL_SERVE_TOKENS)"
                : !tls ? "--tls-cert FILE and --tls-key FILE"
                : "--tokens FILE (or FLOWCTL_SERVE_TOKENS)";
        throw new GatewaySecurityException("flowctl serve refuses to listen on " + describe(address)
                + ", which is reachable from the network, without " + missing + ": add " + add
                + ", or listen on 127.0.0.1.");
    }

    private static String describe(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
