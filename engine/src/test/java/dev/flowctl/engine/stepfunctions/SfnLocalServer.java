package dev.flowctl.engine.stepfunctions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The npm stepfunctions-local emulator (installed into tools/sfn-local by the build, tools/npm-install), started on a
 * free loopback port for one test class and stopped after it.
 */
final class SfnLocalServer implements AutoCloseable {
    private static final Path START = Path.of("..", "tools", "sfn-local", "node_modules", "stepfunctions-local", "bin",
            "stepfunctions-local-start.js");

    private final Process process;
    private final int port;

    private SfnLocalServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static SfnLocalServer start() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.exists(START), "stepfunctions-local is not installed (the build installs it with npm: tools/npm-install sfn-local)");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder("node", START.toString(), "--port", String.valueOf(port), "--region", "us-east-1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket()) {
                ignored.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return new SfnLocalServer(p, port);
            } catch (IOException notYet) {
                if (!p.isAlive()) throw new IOException("stepfunctions-local exited with " + p.exitValue());
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new IOException("stepfunctions-local did not listen on port " + port + " within 30 s");
    }

    SfnClient client() {
        return SfnClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
