package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.state.StateDocument;
import dev.flowctl.state.s3.S3Location;
import dev.flowctl.state.s3.S3ProxyServer;
import dev.flowctl.state.s3.S3StateBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Real {@code flowctl apply} JVMs against one S3 state on S3Proxy. The server holds the first
 * state write of a test until the test releases it, so a run is provably mid-apply (holding the lock).
 */
class TwoProcessApplyTest {
    static final int FLOWS = 12;
    static S3ProxyServer server;
    static volatile String gatedKey;
    static volatile CountDownLatch writePending = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(0);

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start(store -> new ForwardingBlobStore(store) {
            @Override
            public PutObjectResponse putBlob(PutObjectRequest request, InputStream body) {
                if (request.key().equals(gatedKey)) {
                    gatedKey = null; // only the first state write waits
                    writePending.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.putBlob(request, body);
            }
        });
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    Path spec(String bucket) {
        StringBuilder yaml = new StringBuilder("project: risk\nstate: { backend: s3, bucket: " + bucket
                + ", key: risk/prod.json, region: us-east-1, endpoint: '" + server.endpoint() + "', pathStyle: true }\nflows:\n");
        for (int i = 0; i < FLOWS; i++) {
            Cli.write(dir.resolve("flows/f" + i + ".py"), "print(" + i + ")\n");
            yaml.append("  f").append(i).append(":\n    source: flows/f").append(i).append(".py\n    versions:\n      v1:\n"
                    + "        inputs:\n          x: { type: string }\n");
        }
        return Cli.write(dir.resolve("flows.yaml"), yaml.toString());
    }

    void gateFirstStateWrite() {
        writePending = new CountDownLatch(1);
        release = new CountDownLatch(1);
        gatedKey = "risk/prod.json";
    }

    /** A flowctl process, as a user or CI would start it; its output goes to files, which outlive a kill. */
    final class Flowctl {
        final Process process;
        final Path outFile;
        final Path errFile;

        Flowctl(Path flowsYaml, String name, String... args) throws IOException {
            List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.flowctl.cli.Main"));
            cmd.addAll(List.of(args));
            cmd.addAll(List.of("--no-color", "-f", flowsYaml.toString()));
            outFile = dir.resolve(name + ".out");
            errFile = dir.resolve(name + ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
            pb.environment().remove("AWS_PROFILE");
            pb.environment().put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
            pb.environment().put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
            pb.environment().put("AWS_REGION", "us-east-1");
            process = pb.start();
        }

        String out() {
            return read(outFile);
        }

        String err() {
            return read(errFile);
        }

        int exit() throws Exception {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("flowctl did not finish; stderr: " + err());
            }
            return process.exitValue();
        }

        private String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    Set<String> deployedByEngine() throws IOException {
        Path engine = dir.resolve(".flowctl/engine/risk");
        if (!Files.isDirectory(engine)) return Set.of();
        try (Stream<Path> files = Files.walk(engine)) {
            Set<String> out = new TreeSet<>();
            files.filter(p -> p.toString().endsWith(".json"))
                    .forEach(p -> out.add(p.getParent().getFileName() + "@" + p.getFileName().toString().replace(".json", "")));
            return out;
        }
    }

    StateDocument state(String bucket) {
        try (S3StateBackend b = new S3StateBackend(new S3Location(bucket, "risk/prod.json", "us-east-1", server.endpoint(), null,
                null, true), server.admin())) {
            return b.read().orElseThrow().document();
        }
    }

    List<String> keys(String bucket) {
        return server.admin().listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).sorted().toList();
    }

    @Test
    void twoAppliesAtOnceExactlyOneAppliesTheOtherNamesTheLockHolder() throws Exception {
        server.createBucket("two-process", true);
        Path f = spec("two-process");
        gateFirstStateWrite();
        Flowctl a = new Flowctl(f, "a", "apply", "--auto-approve");
        Flowctl b = new Flowctl(f, "b", "apply", "--auto-approve");
        assertTrue(writePending.await(120, TimeUnit.SECONDS), "one run reaches its first state write; a: " + a.err() + " b: " + b.err());
        // The run blocked in its state write holds the lock; the other must give up while it does.
        CompletableFuture.anyOf(a.process.onExit(), b.process.onExit()).get(120, TimeUnit.SECONDS);
        release.countDown();
        int codeA = a.exit();
        int codeB = b.exit();

        Flowctl winner = codeA == 0 ? a : b;
        Flowctl loser = codeA == 0 ? b : a;
        assertEquals(Set.of(0, 1), Set.of(codeA, codeB), "a: " + a.err() + "\nb: " + b.err());
        assertTrue(winner.out().contains("Apply complete! Flow versions: " + FLOWS + " created, 0 updated, 0 deleted."),
                winner.out());
        assertTrue(loser.err().matches("(?s)Error: state is locked by .+ since .+ \\(operation apply, lock ID ([0-9a-f-]{36})\\); "
                + "if that run is dead, run: flowctl force-unlock \\1 \\[FLOWCTL-E0201]\n"), loser.err());
        assertTrue(loser.out().isEmpty(), "the loser planned nothing: " + loser.out());

        StateDocument state = state("two-process");
        assertEquals(FLOWS, state.versions().size(), "every deployment recorded");
        assertEquals(deployedByEngine(), state.versions().keySet());
        assertEquals(List.of("risk/prod.json"), keys("two-process"), "lock released");
    }

    @Test
    void interruptedApplyRecordsWhatItDeployedAndReleasesTheLock() throws Exception {
        server.createBucket("interrupted", true);
        Path f = spec("interrupted");
        gateFirstStateWrite();
        Flowctl a = new Flowctl(f, "a", "apply", "--auto-approve", "--parallelism", "1");
        assertTrue(writePending.await(120, TimeUnit.SECONDS), a.err());
        a.process.destroy(); // SIGTERM: the same shutdown path as Ctrl-C
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!a.err().contains("Interrupted: finishing actions in flight") && System.nanoTime() < deadline) Thread.sleep(20);
        release.countDown();
        a.exit();

        assertTrue(a.err().contains("Interrupted: finishing actions in flight, recording state and releasing the lock"),
                "exit " + a.process.exitValue() + "\nout: " + a.out() + "\nerr: " + a.err());
        StateDocument state = state("interrupted");
        assertEquals(deployedByEngine(), state.versions().keySet(), "state records exactly what the engine has");
        assertTrue(state.versions().size() >= 1);
        assertEquals(List.of("risk/prod.json"), keys("interrupted"), "lock released");
    }
}
