package dev.flowctl.gateway.security;

import dev.flowctl.gateway.ops.RunEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loopback needs nothing; any other address refuses to start without TLS and tokens, saying what to add. */
class ListenPolicyTest {
    @TempDir
    Path dir;

    private static InetSocketAddress any() {
        return new InetSocketAddress("0.0.0.0", 0);
    }

    @Test
    void loopbackStartsWithoutTlsOrTokens() throws Exception {
        GatewaySecurity security = GatewaySecurity.configure(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, null,
                GatewayLimits.DEFAULT);
        try (TestGateway gateway = new TestGateway(security, RunEvents.NONE)) {
            assertTrue(gateway.port() > 0);
        }
        ListenPolicy.check(new InetSocketAddress("::1", 8443), false, false);
        ListenPolicy.check(new InetSocketAddress("localhost", 8443), false, false);
    }

    @Test
    void everyInterfaceWithoutTlsOrTokensRefusesToStart() {
        GatewaySecurityException e = assertThrows(GatewaySecurityException.class,
                () -> GatewaySecurity.configure(any(), null, null, GatewayLimits.DEFAULT));
        assertEquals("flowctl serve refuses to listen on 0.0.0.0:0, which is reachable from the network, without TLS and bearer tokens:"
                + " add --tls-cert FILE, --tls-key FILE and --tokens FILE (or FLOWCTL_SERVE_TOKENS), or listen on 127.0.0.1.", e.getMessage());
    }

    @Test
    void tokensWithoutTlsAreRefusedOffLoopback() {
        GatewaySecurityException e = assertThrows(GatewaySecurityException.class,
                () -> GatewaySecurity.configure(any(), null, BearerTokenTest.tokens(), GatewayLimits.DEFAULT));
        assertEquals("flowctl serve refuses to listen on 0.0.0.0:0, which is reachable from the network, without TLS:"
                + " add --tls-cert FILE and --tls-key FILE, or listen on 127.0.0.1.", e.getMessage());
    }

    @Test
    void tlsWithoutTokensIsRefusedOffLoopback() {
        GatewaySecurityException e = assertThrows(GatewaySecurityException.class,
                () -> GatewaySecurity.configure(new InetSocketAddress("10.1.2.3", 8443),
                        TlsSettings.of(dir.resolve("c.pem"), dir.resolve("k.pem")), null, GatewayLimits.DEFAULT));
        assertEquals("flowctl serve refuses to listen on 10.1.2.3:8443, which is reachable from the network, without bearer tokens:"
                + " add --tokens FILE (or FLOWCTL_SERVE_TOKENS), or listen on 127.0.0.1.", e.getMessage());
    }

    @Test
    void everyInterfaceWithTlsAndTokensStarts() throws Exception {
        TestCertificates.Pem server = TestCertificates.selfSigned(dir, "server");
        GatewaySecurity security = GatewaySecurity.configure(any(), TlsSettings.of(server.certificate(), server.privateKey()),
                BearerTokenTest.tokens(), GatewayLimits.DEFAULT);
        try (TestGateway gateway = new TestGateway(security, RunEvents.NONE)) {
            assertTrue(gateway.port() > 0);
        }
    }
}
