package dev.flowctl.engine.stepfunctions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * moto's AWS emulator ({@code moto_server}, from pip's {@code moto[server]}) as a real process on
 * a free loopback port, for one test class. It implements the Step Functions calls flowctl makes,
 * tags, published versions and aliases included. Tests that need it are skipped when it is not
 * installed; {@code MOTO_SERVER} names the command if it is not on the PATH.
 */
public final class MotoServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static MotoServer start() throws IOException, InterruptedException {
        Optional<Path> command = command();
        Assumptions.assumeTrue(command.isPresent(),
                "moto_server is not installed (pip install 'moto[server]'), so the Step Functions tests over HTTP are skipped");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(command.get().toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return new MotoServer(p, port);
            } catch (IOException notYet) {
                if (!p.isAlive()) throw new IOException("moto_server exited with " + p.exitValue() + " before listening");
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new IOException("moto_server did not listen on port " + port + " within 60 s");
    }

    private static Optional<Path> command() {
        String configured = System.getenv("MOTO_SERVER");
        if (configured != null && !configured.isBlank()) return Optional.of(Path.of(configured));
        String path = System.getenv().getOrDefault("PATH", "");
        Stream<Path> candidates = Stream.concat(Stream.of(path.split(java.io.File.pathSeparator)).filter(d -> !d.isBlank()).map(Path::of),
                Stream.of(Path.of(System.getProperty("user.home"), ".pyenv", "shims")));
        return candidates.map(d -> d.resolve("moto_server")).filter(Files::isExecutable).findFirst();
    }

    /** The endpoint to set as {@code endpoint:} in an engine block. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A client with moto's fake credentials; the caller closes it. */
    public SfnClient client() {
        return builder().build();
    }

    /**
     * A client whose calls moto serves from an account of their own ({@code x-moto-account-id}),
     * apart from every other account's state machines and executions; the caller closes it.
     */
    public SfnClient client(String account) {
        return builder().overrideConfiguration(o -> o.putHeader("x-moto-account-id", account)).build();
    }

    private software.amazon.awssdk.services.sfn.SfnClientBuilder builder() {
        return SfnClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    /**
     * Makes moto run executions through its ASL interpreter (moto's {@code stepfunctions.execute_state_machine}
     * setting, set over its {@code /moto-api/config} endpoint): Pass, Wait and Fail states do what they say,
     * and an execution ends SUCCEEDED, FAILED or, when stopped, ABORTED. Without it, every execution
     * stays RUNNING until stopped.
     */
    public void executeStateMachines() throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(endpoint().resolve("/moto-api/config"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"stepfunctions\": {\"execute_state_machine\": true}}"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IOException("moto_server refused its execute_state_machine setting: HTTP " + answer.statusCode() + " " + answer.body());
        }
    }

    /**
     * Whether moto's interpreter can start a second execution in an account: moto 5.2.1 cannot (its
     * StartExecution deep-copies the account's executions, live threads and all, and answers 500;
     * getmoto/moto#10077, fixed by #10093). Asked once, in an account of its own.
     */
    public boolean startsMoreThanOneExecutionPerAccount() {
        try (SfnClient probe = builder().overrideConfiguration(o -> o.putHeader("x-moto-account-id", "999999999999")
                .retryPolicy(software.amazon.awssdk.core.retry.RetryPolicy.none())).build()) {
            String machine = probe.createStateMachine(c -> c.name("probe").roleArn("arn:aws:iam::999999999999:role/probe")
                    .definition("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}")).stateMachineArn();
            probe.startExecution(s -> s.stateMachineArn(machine).name("first"));
            try {
                probe.startExecution(s -> s.stateMachineArn(machine).name("second"));
                return true;
            } catch (software.amazon.awssdk.core.exception.SdkServiceException e) {
                if (e.statusCode() == 500) return false;
                throw e;
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
