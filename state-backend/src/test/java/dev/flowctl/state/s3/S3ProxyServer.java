package dev.flowctl.state.s3;

import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * A real S3 API server over HTTP for tests: S3Proxy in-process on a free port, with an in-memory
 * store that keeps object versions. Start one per test class; it starts in 2–3 s cold, ms after.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "flowctl-test";
    public static final String SECRET_KEY = "flowctl-test-secret";

    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client admin;

    private S3ProxyServer(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.admin = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(software.amazon.awssdk.http.apache5.Apache5HttpClient.create())
                .build();
    }

    /** Starts a server; {@code wrap} may decorate its store (e.g. to count calls), or be null. */
    public static S3ProxyServer start(java.util.function.UnaryOperator<BlobStore> wrap) throws Exception {
        Properties p = new Properties();
        p.setProperty("jclouds.identity", ACCESS_KEY);
        p.setProperty("jclouds.credential", SECRET_KEY);
        BlobStore store = BlobStores.create("transient-nio2", p);
        if (wrap != null) store = wrap.apply(store);
        S3Proxy proxy = S3Proxy.builder().blobStore(store)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            Thread.sleep(10);
        }
        return new S3ProxyServer(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
    }

    public static S3ProxyServer start() throws Exception {
        return start(null);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client with full rights on this server, for test setup and inspection. */
    public S3Client admin() {
        return admin;
    }

    /** Creates a bucket, with versioning on when asked. */
    public void createBucket(String bucket, boolean versioned) {
        admin.createBucket(b -> b.bucket(bucket));
        if (versioned) {
            admin.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        }
    }

    /**
     * Makes the AWS default credential chain in this JVM find this server's keys, so backends are
     * configured exactly as in production (system properties come first in that chain).
     */
    public void useAsDefaultCredentials() {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }

    @Override
    public void close() throws Exception {
        admin.close();
        proxy.stop();
    }
}
