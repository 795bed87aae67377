package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.state.LockInfo;
import dev.flowctl.state.StateCodec;
import dev.flowctl.state.StateDocument;
import dev.flowctl.state.s3.S3Location;
import dev.flowctl.state.s3.S3ProxyServer;
import dev.flowctl.state.s3.S3StateBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/** flowctl against S3 state on a real S3 API server: environments and tenants, overrides, errors. */
class S3StateCliTest {
    static S3ProxyServer server;
    String bucket;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start();
        server.useAsDefaultCredentials();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void bucket() {
        bucket = "state-" + UUID.randomUUID().toString().substring(0, 8);
        server.createBucket(bucket, true);
    }

    Path spec(String project) {
        Cli.write(dir.resolve("flows/a.py"), "print('a')\n");
        return Cli.write(dir.resolve("flows.yaml"), "project: " + project + "\n"
                + "state: { backend: s3, bucket: " + bucket + ", key: " + project + "/prod.json, region: us-east-1, endpoint: '"
                + server.endpoint() + "', pathStyle: true }\n"
                + "environments:\n"
                + "  acme-dev:    { state: { key: tenants/acme/dev.json } }\n"
                + "  acme-prod:   { state: { key: tenants/acme/prod.json } }\n"
                + "  globex-prod: { state: { key: tenants/globex/prod.json } }\n"
                + "flows:\n  alpha:\n    source: flows/a.py\n    versions:\n      v1:\n        inputs:\n          x: { type: string }\n");
    }

    S3StateBackend backend(String key) {
        return new S3StateBackend(new S3Location(bucket, key, "us-east-1", server.endpoint(), null, null, true));
    }

    List<String> keys() {
        return server.admin().listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).sorted().toList();
    }

    @Test
    void applyRecordsStateInS3AndPlanThenSeesNoChanges() {
        Path f = spec("risk");
        Cli.Result apply = Cli.run("apply", "--auto-approve", "-f", f.toString());
        assertEquals(0, apply.code(), apply.toString());
        assertEquals(List.of("risk/prod.json"), keys(), "state written, lock released");
        StateDocument state = backend("risk/prod.json").read().orElseThrow().document();
        assertEquals(List.of("alpha@v1"), List.copyOf(state.versions().keySet()));
        assertEquals(0, Cli.run("plan", "--detailed-exitcode", "-f", f.toString()).code());
    }

    @Test
    void eachEnvironmentHasItsOwnKeyAndLockAndNeverTouchesAnothers() {
        Path f = spec("risk");
        // acme-prod is mid-apply by someone else, and its object is unreadable to flowctl: a run for acme-dev
        // that read or locked it would fail.
        S3StateBackend acmeProd = backend("tenants/acme/prod.json");
        LockInfo busy = LockInfo.forThisProcess("apply", "test");
        acmeProd.lock(busy);
        server.admin().putObject(b -> b.bucket(bucket).key("tenants/acme/prod.json"),
                RequestBody.fromString("not json", StandardCharsets.UTF_8));

        assertEquals(0, Cli.run("apply", "--auto-approve", "-e", "acme-dev", "-f", f.toString()).code());
        assertEquals(0, Cli.run("apply", "--auto-approve", "-e", "globex-prod", "-f", f.toString()).code());
        assertEquals(0, Cli.run("plan", "--detailed-exitcode", "-e", "acme-dev", "-f", f.toString()).code());

        assertEquals(List.of("tenants/acme/dev.json", "tenants/acme/prod.json", "tenants/acme/prod.json.lock",
                "tenants/globex/prod.json"), keys());
        assertEquals(busy, acmeProd.currentLock().orElseThrow(), "the other tenant's lock is untouched");
        assertEquals("not json", server.admin().getObjectAsBytes(b -> b.bucket(bucket).key("tenants/acme/prod.json")).asUtf8String());
        assertEquals(1, backend("tenants/acme/dev.json").read().orElseThrow().document().serial());

        Cli.Result blocked = Cli.run("apply", "--auto-approve", "-e", "acme-prod", "-f", f.toString());
        assertEquals(1, blocked.code());
        assertTrue(blocked.err().contains("lock ID " + busy.id()), blocked.err());
    }

    @Test
    void stateUriOverrideKeepsTheEndpointFromFlowsYaml() {
        Path f = spec("risk");
        String uri = "s3://" + bucket + "/elsewhere/state.json";
        assertEquals(0, Cli.run("apply", "--auto-approve", "--state", uri, "-f", f.toString()).code());
        assertEquals(List.of("elsewhere/state.json"), keys());
        Cli.Result history = Cli.run("state", "history", "--state", uri, "-f", f.toString());
        assertTrue(history.out().contains("(current)"), history.toString());
    }

    @Test
    void aMissingBucketIsOneSentence() {
        Path f = spec("risk");
        Cli.Result r = Cli.run("plan", "--state", "s3://no-such-bucket/risk.json", "-f", f.toString());
        assertEquals(1, r.code());
        assertEquals("Error: S3 bucket 'no-such-bucket' does not exist (state s3://no-such-bucket/risk.json); create it with "
                + "versioning on, or fix state.bucket in flows.yaml. [FLOWCTL-E0200]\n", r.err());
    }

    @Test
    void stateThatIsNotJsonIsNeverOverwritten() {
        Path f = spec("risk");
        server.admin().putObject(b -> b.bucket(bucket).key("risk/prod.json"), RequestBody.fromString("{oops", StandardCharsets.UTF_8));
        Cli.Result r = Cli.run("apply", "--auto-approve", "-f", f.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("Error: state at s3://" + bucket + "/risk/prod.json is not valid JSON (")
                && r.err().endsWith("; " + StateCodec.RESTORE + " [FLOWCTL-E0203]\n"), r.err());
        assertEquals("{oops", server.admin().getObjectAsBytes(b -> b.bucket(bucket).key("risk/prod.json")).asUtf8String());
        assertEquals(List.of("risk/prod.json"), keys(), "and the lock was released");
    }

    @Test
    void stateOfAnotherProjectInTheSameKeyIsRefused() {
        assertEquals(0, Cli.run("apply", "--auto-approve", "-f", spec("risk").toString()).code());
        String uri = "s3://" + bucket + "/risk/prod.json";
        Cli.Result r = Cli.run("plan", "--state", uri, "-f", spec("claims").toString());
        assertEquals(1, r.code());
        assertEquals("Error: state at " + uri + " belongs to project 'risk', not 'claims'; point state (or --state) at this "
                + "project's own state. [FLOWCTL-E0206]\n", r.err());
    }

    @Test
    void twoEnvironmentsSharingOneStateAreRefusedBeforeAnythingIsRead() {
        Path f = spec("risk");
        Cli.write(f, read(f).replace("globex-prod: { state: { key: tenants/globex/prod.json } }",
                "globex-prod: { state: { key: tenants/acme/prod.json } }"));
        Cli.Result r = Cli.run("apply", "--auto-approve", "-e", "globex-prod", "-f", f.toString());
        assertEquals(1, r.code());
        assertEquals("Error: environments 'globex-prod' and 'acme-prod' both keep their state at s3://" + bucket
                + "/tenants/acme/prod.json at " + server.endpoint() + "; give each its own state.key (or path) in flows.yaml. [FLOWCTL-E0106]\n", r.err());
        assertEquals(List.of(), keys());
        assertEquals(0, Cli.run("apply", "--auto-approve", "-e", "acme-dev", "-f", f.toString()).code(), "others still work");
    }

    static String read(Path f) {
        try {
            return java.nio.file.Files.readString(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
