package dev.flowctl.state.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.state.LockInfo;
import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateBackendContract;
import dev.flowctl.state.StateException;
import dev.flowctl.state.backends.StateBackends;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** The backend contract against a real S3 API over HTTP (S3Proxy), plus S3's own failure messages. */
class S3StateBackendTest extends StateBackendContract {
    static final String BUCKET = "flowctl-state";
    static S3ProxyServer server;
    final List<S3StateBackend> opened = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        server.useAsDefaultCredentials();
        server.createBucket(BUCKET, true);
        server.createBucket("unversioned", false);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @AfterEach
    void closeClients() {
        opened.forEach(S3StateBackend::close);
    }

    /** Opened through the same factory flows.yaml settings go through. */
    S3StateBackend backend(String bucket, String key, URI endpoint) {
        Map<String, Object> settings = Map.of("backend", "s3", "bucket", bucket, "key", key,
                "endpoint", endpoint.toString(), "pathStyle", true, "region", "us-east-1");
        S3StateBackend b = (S3StateBackend) StateBackends.fromSettings(settings, Path.of("."), "unused");
        opened.add(b);
        return b;
    }

    @Override
    protected StateBackend open(String name) {
        return backend(BUCKET, "team/" + name + ".json", server.endpoint());
    }

    @Override
    protected void writeRaw(String name, byte[] bytes) {
        server.admin().putObject(b -> b.bucket(BUCKET).key("team/" + name + ".json"), RequestBody.fromBytes(bytes));
    }

    @Test
    void locationIsTheS3Uri() {
        assertEquals("s3://flowctl-state/team/x.json", open("x").location());
    }

    @Test
    void theLockIsAnObjectBesideTheStateNamingItsHolder() {
        String name = fresh();
        LockInfo lock = LockInfo.forThisProcess("apply", "test");
        open(name).lock(lock);
        String body = server.admin().getObjectAsBytes(b -> b.bucket(BUCKET).key("team/" + name + ".json.lock")).asUtf8String();
        assertTrue(body.contains(lock.id()) && body.contains(lock.who()) && body.contains("apply"), body);
    }

    @Test
    void aMissingBucketIsNamed() {
        StateException e = assertThrows(StateException.class, () -> backend("no-such-bucket", "k.json", server.endpoint()).read());
        assertEquals("S3 bucket 'no-such-bucket' does not exist (state s3://no-such-bucket/k.json); create it with versioning on, "
                + "or fix state.bucket in flows.yaml.", e.getMessage());
    }

    @Test
    void wrongCredentialsAreRejectedInOneSentence() {
        System.setProperty("aws.secretAccessKey", "wrong");
        try {
            StateException e = assertThrows(StateException.class, () -> open(fresh()).read());
            assertTrue(e.getMessage().startsWith("S3 rejected the AWS credentials (SignatureDoesNotMatch)")
                    || e.getMessage().startsWith("access denied: s3:GetObject on arn:aws:s3:::flowctl-state/team/"), e.getMessage());
        } finally {
            server.useAsDefaultCredentials();
        }
    }

    @Test
    void anUnreachableEndpointIsNamed() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        URI dead = URI.create("http://127.0.0.1:" + closedPort);
        StateException e = assertThrows(StateException.class, () -> backend(BUCKET, "k.json", dead).read());
        assertTrue(e.getMessage().startsWith("cannot reach the S3 endpoint " + dead), e.getMessage());
        assertTrue(e.getMessage().endsWith("check the network, state.region and state.endpoint."), e.getMessage());
    }

    @Test
    void historyOnAnUnversionedBucketSaysHowToTurnItOn() {
        S3StateBackend b = backend("unversioned", "k.json", server.endpoint());
        b.write(sample("risk", 1).nextSerial("test"), null);
        StateException e = assertThrows(StateException.class, () -> b.history(10));
        assertTrue(e.getMessage().contains("put-bucket-versioning --bucket unversioned"), e.getMessage());
    }

    @Test
    void historyShowsWhoWroteEachVersion() {
        S3StateBackend b = (S3StateBackend) open(fresh());
        b.write(sample("risk", 1).nextSerial("test"), null);
        assertEquals(LockInfo.whoAmI(), b.history(1).get(0).who());
    }

    @Test
    void forceUnlockRemovesALockObjectThatIsNotJson() {
        String name = fresh();
        String lockKey = "team/" + name + ".json.lock";
        server.admin().putObject(b -> b.bucket(BUCKET).key(lockKey), RequestBody.fromString("<html>half a lock", StandardCharsets.UTF_8));
        StateBackend b = open(name);
        StateException locked = assertThrows(StateException.class, () -> b.lock(LockInfo.forThisProcess("apply", "test")));
        String etag = server.admin().headObject(h -> h.bucket(BUCKET).key(lockKey)).eTag().replace("\"", "");
        assertEquals("the lock s3://" + BUCKET + "/" + lockKey + " is not a flowctl lock; if no run is using this state, "
                + "remove it with: flowctl force-unlock unreadable-" + etag, locked.getMessage());

        assertThrows(StateException.class, () -> b.forceUnlock("unreadable-not-its-etag"));
        b.forceUnlock("unreadable-" + etag);
        assertEquals(Optional.empty(), b.currentLock());
        b.lock(LockInfo.forThisProcess("apply", "test"));
    }
}
