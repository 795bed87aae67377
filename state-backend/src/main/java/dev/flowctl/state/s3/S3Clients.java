package dev.flowctl.state.s3;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Builds the S3 client for a state location: the default credential chain unless a profile is named. */
public final class S3Clients {
    private static final Duration MAX_CONNECT = Duration.ofSeconds(10);
    /** The SDK's standard retry mode makes up to 3 attempts; the whole call may take about that many timeouts. */
    private static final int CALL_ATTEMPTS = 3;

    private S3Clients() {
    }

    public static S3Client create(S3Location where) {
        // Apache rather than the JDK's URL connection client: the latter reused connections the server had closed, so
        // PUTs failed and were retried (measured with bench/state), which a conditional write must not need.
        S3ClientBuilder b = S3Client.builder()
                .httpClient(Apache5HttpClient.builder()
                        .connectionTimeout(connectTimeout(where.timeout()))
                        .socketTimeout(where.timeout())
                        .build())
                .credentialsProvider(credentials(where))
                // State objects are small: Expect: 100-continue only adds a round trip (and the JDK client handles it poorly).
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(where.pathStyle())
                        .expectContinueEnabled(false)
                        .build())
                // An endpoint that accepts and never answers is given up per attempt, and the retries are bounded too.
                .overrideConfiguration(c -> c.apiCallAttemptTimeout(where.timeout())
                        .apiCallTimeout(where.timeout().multipliedBy(CALL_ATTEMPTS)));
        if (where.region() != null) b.region(Region.of(where.region()));
        if (where.endpoint() != null) {
            b.endpointOverride(where.endpoint());
            // S3-compatible servers often reject the SDK's default CRC checksums; send them only when S3 requires one.
            b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
            b.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            if (where.region() == null && System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null) {
                b.region(Region.US_EAST_1);
            }
        }
        try {
            return b.build();
        } catch (SdkException e) {
            throw S3Errors.map(e, "configuring the S3 client", where.uri(), where);
        }
    }

    /**
     * Starts loading and initialising, on another thread, what building an S3 client needs (the
     * SDK's region metadata, the TLS context and trust store, the client's configuration classes):
     * about 0.35 s of a plan against S3 state before its one GET (bench/state), which a command can
     * overlap with parsing flows.yaml once it suspects its state is in S3. Builds and closes a client
     * that never sends a request; nothing it does is visible.
     */
    public static void warmUp() {
        Thread thread = new Thread(() -> {
            try (S3Client client = S3Client.builder()
                    .httpClientBuilder(Apache5HttpClient.builder()) // the client owns it, and closes it with itself
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                    .region(Region.US_EAST_1)
                    .build()) {
                client.serviceName();
            } catch (RuntimeException | LinkageError e) {
                // only a head start: the real client is built, and fails if it must, on the command's thread
            }
        }, "flowctl-s3-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    /** Connecting is quick when the endpoint is there at all: at most 10 s, less if the timeout is shorter. */
    private static Duration connectTimeout(Duration timeout) {
        return timeout.compareTo(MAX_CONNECT) < 0 ? timeout : MAX_CONNECT;
    }

    private static AwsCredentialsProvider credentials(S3Location where) {
        return where.profile() == null ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.builder().profileName(where.profile()).build();
    }
}
