package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image `-Pimage` builds (cli/target/jib-image.tar), unpacked layer by layer as a
 * container runtime would and run with chroot in its own PID and mount namespaces (unshare), as
 * the user the image names: no Docker or Podman is needed, and none is installed where flowctl is built.
 */
class ImageRunsIT {
    private static final String VERSION_LINE = "flowctl " + System.getProperty("flowctl.version", "");

    @TempDir
    Path tmp;

    private Path root;
    private JsonNode config;

    @BeforeEach
    void unpack() throws Exception {
        String image = System.getProperty("flowctl.image");
        assumeTrue(image != null, "the container image is built and tested with -Pimage (./mvnw -pl cli -am verify -Pimage)");
        Path tar = Path.of(image);
        assertTrue(Files.isRegularFile(tar), tar + " was not built");
        Path unpacked = Files.createDirectories(tmp.resolve("image"));
        run(List.of("tar", "-xf", tar.toString(), "-C", unpacked.toString()));
        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(unpacked.resolve("manifest.json").toFile()).get(0);
        config = json.readTree(unpacked.resolve(manifest.get("Config").asText()).toFile());
        root = Files.createDirectories(tmp.resolve("rootfs"));
        for (JsonNode layer : manifest.get("Layers")) {
            run(List.of("tar", "-xzf", unpacked.resolve(layer.asText()).toString(), "-C", root.toString()));
        }
    }

    @Test
    void theConfigRunsTheGatewayAsANonRootUserWithTheLaunchersJvmOptions() throws Exception {
        JsonNode c = config.get("config");
        List<String> entrypoint = strings(c.get("Entrypoint"));
        assertEquals("/opt/java/bin/java", entrypoint.get(0));
        // The options bin/flowctl gives `flowctl serve`, so the image's gateway behaves as an installed one.
        List<String> serve = launcherServeOptions();
        assertTrue(serve.contains("-Xmx128m"), "bin/flowctl gives serve a capped heap: " + serve);
        for (String option : serve) assertTrue(entrypoint.contains(option), option + " missing from " + entrypoint);
        assertEquals("dev.flowctl.cli.Main", entrypoint.get(entrypoint.size() - 1));
        assertEquals(List.of("serve", "--listen", "0.0.0.0:50051"), strings(c.get("Cmd")));
        assertEquals("65532:65532", c.get("User").asText());
        assertTrue(c.get("ExposedPorts").has("50051/tcp"), c.toString());
        assertTrue(c.get("Volumes").has("/work"), c.toString());
        assertEquals("/work", c.get("WorkingDir").asText());
        assertTrue(Files.readString(root.resolve("etc/passwd")).contains("flowctl:x:65532:65532:"));

        // Nothing of the machine that built it: no path of the checkout, no home, no host time stamps.
        String repo = JsonSchemas.repo().toString();
        assertFalse(config.toString().contains(repo), config.toString());
        assertFalse(config.toString().contains("/root"), config.toString());
        assertEquals("1970-01-01T00:00:00Z", config.get("created").asText());
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith("jib-classpath-file")).toList()) {
                assertFalse(Files.readString(f).contains(repo), Files.readString(f));
            }
        }
        try (Stream<Path> files = Files.walk(root)) {
            assertTrue(files.noneMatch(Files::isSymbolicLink), "the image holds a symbolic link, which could point at the build host");
        }
    }

    @Test
    void flowctlRunsInsideTheImage() throws Exception {
        assumeChrootable();
        Result r = run(inImage(List.of("--version")));
        assertEquals(0, r.code, r.out);
        assertTrue(r.out.startsWith(VERSION_LINE), r.out);
    }

    @Test
    void theGatewayServesOverTlsWithTokensOnEveryInterfaceAndAnswersHealthChecks() throws Exception {
        assumeChrootable();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed: it makes the test's certificate");
        // A project applied beside the gateway, as a checkout of main would be mounted at /work.
        Path work = root.resolve("work");
        Cli.write(work.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Cli.write(work.resolve("flows/scoring.py"), "print('score')\n");
        Path spec = Cli.write(work.resolve("flows.yaml"), """
                project: demo
                engine: { type: local, run: python3 flows/run.py }
                flows:
                  scoring:
                    source: flows/scoring.py
                    versions:
                      v1:
                        inputs:
                          fleet_id: { type: string, required: true }
                """);
        Cli.Result apply = Cli.run("apply", "--auto-approve", "-f", spec.toString());
        assertEquals(ExitCode.OK, apply.code(), apply.toString());
        // The certificate docs/calling-flows.md shows how to make: an EC key, which needs jdk.crypto.ec in the runtime.
        Path tls = Files.createDirectories(tmp.resolve("tls"));
        Result cert = run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", tls.resolve("server.key").toString(), "-out", tls.resolve("server.crt").toString()));
        assertEquals(0, cert.code, cert.out);
        Files.copy(tls.resolve("server.crt"), work.resolve("server.crt"));
        Files.copy(tls.resolve("server.key"), work.resolve("server.key"));
        String token = "image-test-token";
        Cli.write(work.resolve("tokens.yaml"), "tokens:\n  - name: svc-a\n    sha256: "
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)))
                + "\n    flows: ['*@*']\n");
        // The state is written owner-only (it names what is deployed): the checkout belongs to the image's user.
        assertEquals(0, run(List.of("chown", "-R", config.get("config").get("User").asText(), work.toString())).code);

        // The image's own command, on a free port, plus what a `docker run` adds (chroot does not enter WorkingDir: -f).
        Process gateway = new ProcessBuilder(inImage(List.of("serve", "-f", "/work/flows.yaml", "--listen", "0.0.0.0:0",
                "--tls-cert", "/work/server.crt", "--tls-key", "/work/server.key", "--tokens", "/work/tokens.yaml")))
                .redirectErrorStream(true).start();
        ManagedChannel channel = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            Matcher listening = null;
            for (String line; (line = out.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (line.startsWith("Listening on ")) {
                    listening = Pattern.compile(":(\\d+) \\(").matcher(line);
                    assertTrue(listening.find(), line);
                    break;
                }
            }
            assertTrue(listening != null, "the gateway in the image did not start:\n" + seen);
            channel = NettyChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(listening.group(1)))
                    .sslContext(GrpcSslContexts.forClient().trustManager(tls.resolve("server.crt").toFile()).build()).build();
            assertEquals(HealthCheckResponse.ServingStatus.SERVING,
                    HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus());
            Metadata bearer = new Metadata();
            bearer.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
            assertTrue(services(channel, bearer).contains("demo.flows.scoring.v1.ScoringService"), "the applied version is not served");
        } finally {
            if (channel != null) channel.shutdownNow();
            gateway.destroy();
            gateway.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The command that runs ARGS with the image's entrypoint in ROOT, as its user, with /proc and /dev as a runtime gives them. */
    private List<String> inImage(List<String> args) {
        List<String> command = new ArrayList<>(List.of("unshare", "--fork", "--pid", "--kill-child", "--mount-proc=" + root.resolve("proc"),
                "sh", "-c", "mount --rbind /dev \"$0/dev\" && root=\"$0\" user=\"$1\" && shift && exec chroot --userspec=\"$user\" \"$root\" \"$@\"",
                root.toString(), config.get("config").get("User").asText()));
        command.addAll(strings(config.get("config").get("Entrypoint")));
        command.addAll(args);
        return command;
    }

    private void assumeChrootable() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/chroot")) || Files.isExecutable(Path.of("/usr/bin/chroot")),
                "chroot is not installed: the image is not run");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "unshare is not installed: the image is not run");
        assumeTrue("root".equals(System.getProperty("user.name")), "not root: chroot and mount need it, the image is not run");
        Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(root.resolve("dev"));
    }

    /**
     * The JVM options bin/flowctl gives `flowctl serve` when FLOWCTL_JAVA_OPTS is not set, as it passes
     * them: the launcher is run with a JAVA_HOME whose java prints its arguments. The class-data
     * archive's options are left out (the image has no archive).
     */
    private List<String> launcherServeOptions() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("launcher/bin"));
        Files.copy(JsonSchemas.repo().resolve("cli/src/dist/bin/flowctl"), home.resolve("flowctl"));
        return LauncherOptions.of(List.of("sh", home.resolve("flowctl").toString(), "serve"),
                Map.of("JAVA_HOME", LauncherOptions.fakeJdk(tmp.resolve("fake-jdk")).toString()), o -> !LauncherOptions.archive(o));
    }

    private static List<String> services(ManagedChannel channel, Metadata bearer) throws InterruptedException {
        List<String> services = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer))
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse r) {
                        r.getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).forEach(services::add);
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        done.countDown();
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        assertTrue(done.await(60, TimeUnit.SECONDS));
        return services;
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    private record Result(int code, String out) {
    }

    private static Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "timed out: " + command + "\n" + out);
        return new Result(p.exitValue(), out);
    }
}
