package dev.flowctl.state.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.flowctl.state.StateException;
import dev.flowctl.state.backends.StateBackends;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 14 item 14: an S3 endpoint that accepts connections and never answers cannot hang plan or apply. */
class HostileS3StateTest {
    private ServerSocket silent;
    private final List<Socket> accepted = new ArrayList<>();
    private Thread acceptor;
    private String oldKey;
    private String oldSecret;

    @BeforeEach
    void startSilentEndpoint() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket s = silent.accept();
                    synchronized (accepted) {
                        accepted.add(s); // held open, never read from or written to
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        // Credentials only so the client gets as far as the network; the endpoint never checks them.
        oldKey = System.setProperty("aws.accessKeyId", "hostile");
        oldSecret = System.setProperty("aws.secretAccessKey", "hostile");
    }

    @AfterEach
    void stop() throws IOException {
        silent.close();
        synchronized (accepted) {
            for (Socket s : accepted) s.close();
        }
        restore("aws.accessKeyId", oldKey);
        restore("aws.secretAccessKey", oldSecret);
    }

    private static void restore(String key, String value) {
        if (value == null) System.clearProperty(key);
        else System.setProperty(key, value);
    }

    @Test
    void aSilentEndpointFailsInOneSentenceNamingItAndTheSetting() {
        String endpoint = "http://127.0.0.1:" + silent.getLocalPort();
        Map<String, Object> settings = Map.of("backend", "s3", "bucket", "acme", "key", "risk/prod.json", "region", "us-east-1",
                "endpoint", endpoint, "pathStyle", true, "timeout", "1s");
        // A hang guard only: the setting, not this bound, is what the test is about.
        StateException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (var backend = StateBackends.fromSettings(settings, Path.of("."), StateBackends.DEFAULT_LOCAL_PATH)) {
                return assertThrows(StateException.class, backend::read);
            }
        });
        assertEquals("the S3 endpoint " + endpoint + " did not answer within 1s (state.timeout) for the state at"
                + " s3://acme/risk/prod.json; check state.endpoint and the network, or raise state.timeout.", e.getMessage());
    }

    @Test
    void theTimeoutMustBeADuration() {
        StateException e = assertThrows(StateException.class, () -> S3Location.fromSettings(
                Map.of("bucket", "acme", "key", "k.json", "timeout", "soon")));
        assertEquals("state.timeout 'soon' is not a duration above zero; write e.g. 30s or 2m.", e.getMessage());
        assertEquals(S3Location.DEFAULT_TIMEOUT, S3Location.fromSettings(Map.of("bucket", "acme", "key", "k.json")).timeout());
    }
}
