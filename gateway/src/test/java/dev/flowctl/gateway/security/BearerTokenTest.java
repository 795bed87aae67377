package dev.flowctl.gateway.security;

import dev.flowctl.gateway.ops.RunEvents;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bearer tokens on a real gateway over Netty: who may call at all, and who may start which flow. */
class BearerTokenTest {
    static final String TOKEN_A = "token-for-svc-a-7c1e";
    static final String TOKEN_B = "token-for-svc-b-93fd";
    static final String TOKEN_OWNER = "token-for-telematics-5a0b";
    static final String TOKEN_NOTHING = "token-granting-nothing-11aa";

    static TestGateway gateway;
    static ManagedChannel channel;

    static Tokens tokens() {
        return TokenFile.parse("""
                tokens:
                  - name: svc-a
                    sha256: %s
                    flows: ["fleet_features@*"]
                  - name: svc-b
                    sha256: %s
                    flows: [churn@v2]
                  - name: team-telematics
                    sha256: %s
                    owners: [telematics]
                  - name: svc-none
                    sha256: %s
                """.formatted(Tokens.sha256Hex(TOKEN_A), Tokens.sha256Hex(TOKEN_B), Tokens.sha256Hex(TOKEN_OWNER),
                Tokens.sha256Hex(TOKEN_NOTHING)), "test tokens");
    }

    @BeforeAll
    static void start() throws Exception {
        GatewaySecurity security = GatewaySecurity.configure(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, tokens(),
                GatewayLimits.DEFAULT);
        gateway = new TestGateway(security, RunEvents.NONE);
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", gateway.port(), InsecureChannelCredentials.create()).build();
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        gateway.close();
    }

    private static StatusRuntimeException refused(String token, String request) {
        return assertThrows(StatusRuntimeException.class, () -> TestGateway.start(channel, token, request));
    }

    @Test
    void aGrantedTokenStartsItsFlow() {
        assertTrue(TestGateway.start(channel, TOKEN_A, "fleet_features@v1 telematics {}").startsWith("run-"));
        assertTrue(TestGateway.start(channel, TOKEN_A, "fleet_features@v7 telematics {}").startsWith("run-"));
    }

    @Test
    void aMissingTokenIsUnauthenticatedBeforeTheHandlerRuns() {
        int before = gateway.handled.get();
        StatusRuntimeException e = refused(null, "fleet_features@v1 telematics {}");
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals("This gateway needs a bearer token: send the metadata header 'authorization: Bearer <token>'.",
                e.getStatus().getDescription());
        assertEquals("FLOWCTL-E0610", TestGateway.flowctlCode(e));
        assertEquals(before, gateway.handled.get());
    }

    @Test
    void aWrongTokenIsUnauthenticatedAndNotRepeated() {
        int before = gateway.handled.get();
        String wrong = TOKEN_A + "x";
        StatusRuntimeException e = refused(wrong, "fleet_features@v1 telematics {}");
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals("The bearer token was not accepted: use a token whose SHA-256 is listed in the gateway's token file.",
                e.getStatus().getDescription());
        assertEquals("FLOWCTL-E0610", TestGateway.flowctlCode(e));
        assertEquals(before, gateway.handled.get());
    }

    @Test
    void aTokenIsNotAcceptedUnderAnotherScheme() {
        // "Basic <token>" or the bare token is not a bearer token.
        io.grpc.Metadata headers = new io.grpc.Metadata();
        headers.put(BearerTokenInterceptor.AUTHORIZATION, TOKEN_A);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> io.grpc.stub.ClientCalls.blockingUnaryCall(
                io.grpc.ClientInterceptors.intercept(channel, io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers)), TestGateway.START,
                io.grpc.CallOptions.DEFAULT, "fleet_features@v1 telematics {}"));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void aTokenForAnotherFlowIsPermissionDeniedNamingTheCallerNotTheToken() {
        StatusRuntimeException e = refused(TOKEN_B, "fleet_features@v1 telematics {}");
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals("The caller 'svc-b' may not start fleet_features@v1: add fleet_features@v1 (or its owner telematics)"
                + " to that caller's entry in the gateway's token file.", e.getStatus().getDescription());
        assertFalse(e.getStatus().getDescription().contains(TOKEN_B));
        assertEquals("FLOWCTL-E0611", TestGateway.flowctlCode(e));
        // its own flow, only the version it was given
        assertTrue(TestGateway.start(channel, TOKEN_B, "churn@v2 growth {}").startsWith("run-"));
        assertEquals(Status.Code.PERMISSION_DENIED, refused(TOKEN_B, "churn@v3 growth {}").getStatus().getCode());
    }

    @Test
    void anOwnerGrantCoversEveryFlowOfThatOwnerAndNoOther() {
        assertTrue(TestGateway.start(channel, TOKEN_OWNER, "fleet_features@v1 telematics {}").startsWith("run-"));
        assertTrue(TestGateway.start(channel, TOKEN_OWNER, "trip_scores@v3 telematics {}").startsWith("run-"));
        assertEquals(Status.Code.PERMISSION_DENIED, refused(TOKEN_OWNER, "churn@v2 growth {}").getStatus().getCode());
    }

    @Test
    void aTokenGrantingNothingStartsNothing() {
        assertEquals(Status.Code.PERMISSION_DENIED, refused(TOKEN_NOTHING, "fleet_features@v1 telematics {}").getStatus().getCode());
    }

    @Test
    void healthChecksNeedNoToken() {
        HealthCheckResponse response = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, response.getStatus());
    }
}
