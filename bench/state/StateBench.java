import dev.flowctl.state.s3.S3ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * State benchmark: real `flowctl` processes against S3Proxy, counting the S3 requests the server
 * receives. (1) apply of 200 new flow versions: state PUTs and wall time; (2) plan against a
 * state of 3,000 flow versions: GETs and wall time. Run by bench/state/run.sh.
 */
public class StateBench {
    static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    static void count(String op, String key) {
        calls.computeIfAbsent(op + " " + key, k -> new AtomicInteger()).incrementAndGet();
    }

    public static void main(String[] args) throws Exception {
        String flowctl = args[0]; // the ./flowctl launcher, as users run it (its JVM options and class-data archive)
        Path work = Files.createTempDirectory("flowctl-state-bench");
        try {
            measure(flowctl, work);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void measure(String flowctl, Path work) throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start(store -> new ForwardingBlobStore(store) {
            @Override
            public PutObjectResponse putBlob(PutObjectRequest r, InputStream body) {
                count("PUT", r.key());
                return super.putBlob(r, body);
            }

            @Override
            public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest r) {
                count("GET", r.key());
                return super.getBlob(r);
            }

            @Override
            public HeadObjectResponse blobMetadata(HeadObjectRequest r) {
                count("HEAD", r.key());
                return super.blobMetadata(r);
            }

            @Override
            public DeleteObjectResponse removeBlob(DeleteObjectRequest r) {
                count("DELETE", r.key());
                return super.removeBlob(r);
            }
        })) {
            server.createBucket("bench", true);
            System.out.println("== apply: 200 new flow versions, S3 state on S3Proxy (parallelism 10)");
            Path small = project(work.resolve("apply200"), server, "apply200.json", 200, 1);
            run(flowctl, server, small, "apply", "--auto-approve");

            System.out.println("\n== apply: 3,000 new flow versions (setup for the plan benchmark; also a data point)");
            Path big = project(work.resolve("plan3000"), server, "plan3000.json", 1000, 3);
            run(flowctl, server, big, "apply", "--auto-approve");
            long size = server.admin().headObject(b -> b.bucket("bench").key("plan3000.json")).contentLength();
            System.out.printf("state object: %,d bytes%n", size);

            for (int i = 1; i <= 5; i++) {
                System.out.println("\n== plan against the 3,000-version state in S3, run " + i);
                run(flowctl, server, big, "plan", "--detailed-exitcode");
            }
            // The same plan against the same state in a local file separates S3's share from planning itself.
            Files.write(big.resolveSibling("local-state.json"),
                    server.admin().getObjectAsBytes(b -> b.bucket("bench").key("plan3000.json")).asByteArray());
            for (int i = 1; i <= 5; i++) {
                System.out.println("\n== plan against the same state in a local file, run " + i);
                run(flowctl, server, big, "plan", "--detailed-exitcode", "--state", big.resolveSibling("local-state.json").toString());
            }
        }
    }

    /** Writes flows.yaml with flows x versions flow versions, all sharing one source file. */
    static Path project(Path dir, S3ProxyServer server, String key, int flows, int versions) throws IOException {
        Files.createDirectories(dir.resolve("flows"));
        Files.writeString(dir.resolve("flows/job.py"), "print('job')\n");
        StringBuilder y = new StringBuilder("project: bench\nstate: { backend: s3, bucket: bench, key: " + key
                + ", region: us-east-1, endpoint: '" + server.endpoint() + "', pathStyle: true }\nflows:\n");
        for (int f = 0; f < flows; f++) {
            y.append("  flow_").append(f).append(":\n    source: flows/job.py\n    versions:\n");
            for (int v = 1; v <= versions; v++) {
                y.append("      v").append(v).append(":\n        inputs:\n          id: { type: string, required: true }\n"
                        + "          n: { type: int, default: 1 }\n");
            }
        }
        Path file = dir.resolve("flows.yaml");
        Files.writeString(file, y);
        return file;
    }

    static void run(String flowctl, S3ProxyServer server, Path flowsYaml, String... args) throws Exception {
        calls.clear();
        List<String> cmd = new ArrayList<>(List.of(flowctl));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--no-color", "-f", flowsYaml.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
        pb.environment().put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
        pb.environment().put("AWS_REGION", "us-east-1");
        pb.environment().remove("AWS_PROFILE");
        long t0 = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        int code = p.waitFor();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        System.out.println("flowctl " + String.join(" ", args) + ": exit " + code + ", " + ms + " ms wall (JVM start included)");
        System.out.println("  last line: " + last);
        System.out.println("  S3 requests seen by the server: " + new TreeMap<>(calls));
    }
}
