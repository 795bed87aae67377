package dev.flowctl.state.s3;

import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateBackendContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/** The backend contract against LocalStack's S3, where Docker exists; skipped cleanly where it does not. */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackS3StateBackendTest extends StateBackendContract {
    static final String BUCKET = "flowctl-state";

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices("s3");

    final List<S3StateBackend> opened = new ArrayList<>();

    @BeforeAll
    static void createBucket() {
        System.setProperty("aws.accessKeyId", LOCALSTACK.getAccessKey());
        System.setProperty("aws.secretAccessKey", LOCALSTACK.getSecretKey());
        try (var s3 = S3Clients.create(location("setup"))) {
            s3.createBucket(b -> b.bucket(BUCKET));
            s3.putBucketVersioning(b -> b.bucket(BUCKET).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        }
    }

    static S3Location location(String name) {
        return new S3Location(BUCKET, "team/" + name + ".json", LOCALSTACK.getRegion(), LOCALSTACK.getEndpoint(), null, null, true);
    }

    @AfterEach
    void closeClients() {
        opened.forEach(S3StateBackend::close);
    }

    @Override
    protected StateBackend open(String name) {
        S3StateBackend b = new S3StateBackend(location(name));
        opened.add(b);
        return b;
    }

    @Override
    protected void writeRaw(String name, byte[] bytes) {
        try (var s3 = S3Clients.create(location(name))) {
            s3.putObject(b -> b.bucket(BUCKET).key("team/" + name + ".json"), RequestBody.fromBytes(bytes));
        }
    }
}
