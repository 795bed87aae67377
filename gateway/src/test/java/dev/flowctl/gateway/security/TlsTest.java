package dev.flowctl.gateway.security;

import dev.flowctl.gateway.ops.RunEvents;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS and mTLS on a real gateway over Netty, with certificates made by keytool for this run. */
class TlsTest {
    @TempDir
    static Path dir;
    static TestCertificates.Pem server;
    static TestCertificates.Pem client;
    static TestCertificates.Pem stranger;

    @BeforeAll
    static void certificates() throws Exception {
        server = TestCertificates.selfSigned(dir, "server");
        client = TestCertificates.selfSigned(dir, "client");
        stranger = TestCertificates.selfSigned(dir, "stranger");
    }

    private static TestGateway gateway(TlsSettings tls) throws Exception {
        return new TestGateway(GatewaySecurity.configure(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), tls,
                BearerTokenTest.tokens(), GatewayLimits.DEFAULT), RunEvents.NONE);
    }

    private static Status.Code call(TestGateway gateway, ChannelCredentials credentials) throws InterruptedException {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", gateway.port(), credentials).build();
        try {
            return TestGateway.codeOf(() -> TestGateway.start(channel, BearerTokenTest.TOKEN_A, "fleet_features@v1 telematics {}"));
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static ChannelCredentials trusting(TestCertificates.Pem clientCertificate) throws Exception {
        TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder().trustManager(server.certificate().toFile());
        if (clientCertificate != null) b.keyManager(clientCertificate.certificate().toFile(), clientCertificate.privateKey().toFile());
        return b.build();
    }

    @Test
    void aClientTrustingTheCertificateStartsARun() throws Exception {
        try (TestGateway gateway = gateway(TlsSettings.of(server.certificate(), server.privateKey()))) {
            assertEquals(Status.Code.OK, call(gateway, trusting(null)));
            assertEquals(1, gateway.handled.get());
        }
    }

    @Test
    void aPlaintextClientGetsNothingFromATlsGateway() throws Exception {
        try (TestGateway gateway = gateway(TlsSettings.of(server.certificate(), server.privateKey()))) {
            assertNotEquals(Status.Code.OK, call(gateway, InsecureChannelCredentials.create()));
            assertEquals(0, gateway.handled.get());
        }
    }

    @Test
    void mutualTlsAcceptsATrustedClientCertificate() throws Exception {
        try (TestGateway gateway = gateway(new TlsSettings(server.certificate(), server.privateKey(), client.certificate()))) {
            assertEquals(Status.Code.OK, call(gateway, trusting(client)));
        }
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificate() throws Exception {
        try (TestGateway gateway = gateway(new TlsSettings(server.certificate(), server.privateKey(), client.certificate()))) {
            assertEquals(Status.Code.UNAVAILABLE, call(gateway, trusting(null)));
            assertEquals(0, gateway.handled.get());
        }
    }

    @Test
    void mutualTlsRefusesAnUntrustedClientCertificate() throws Exception {
        try (TestGateway gateway = gateway(new TlsSettings(server.certificate(), server.privateKey(), client.certificate()))) {
            assertEquals(Status.Code.UNAVAILABLE, call(gateway, trusting(stranger)));
            assertEquals(0, gateway.handled.get());
        }
    }

    @Test
    void aMissingKeyFileIsNamed() {
        Path missing = dir.resolve("nope.key");
        GatewaySecurityException e = assertThrows(GatewaySecurityException.class, () -> gateway(TlsSettings.of(server.certificate(), missing)));
        assertEquals("The --tls-key file " + missing + " does not exist or cannot be read: give the path of a PEM file readable by this user.",
                e.getMessage());
    }

    @Test
    void aKeyThatIsNotAKeyIsRefusedWithoutQuotingIt() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.key"), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        GatewaySecurityException e = assertThrows(GatewaySecurityException.class, () -> gateway(TlsSettings.of(server.certificate(), bad)));
        assertTrue(e.getMessage().startsWith("TLS could not be set up from " + server.certificate() + " and " + bad + ": give a PEM"), e.getMessage());
        assertTrue(!e.getMessage().contains("bm90IGEga2V5"));
    }
}
