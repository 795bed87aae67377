package dev.flowctl.engine.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.port.EngineException;
import dev.flowctl.port.Owner;
import dev.flowctl.spec.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 14 item 14, the engine side: a Step Functions endpoint that accepts and never answers cannot hang drift or apply. */
class HostileStepFunctionsTest {
    @Test
    void aSilentEndpointIsGivenUpAfterTheEngineTimeout() throws IOException {
        List<Socket> held = new ArrayList<>();
        String oldKey = System.setProperty("aws.accessKeyId", "hostile");
        String oldSecret = System.setProperty("aws.secretAccessKey", "hostile");
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = silent.accept();
                        synchronized (held) {
                            held.add(s); // never answered
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Settings s = new Settings(Map.of("type", "stepfunctions", "region", "us-east-1", "timeout", "1s",
                    "endpoint", "http://127.0.0.1:" + silent.getLocalPort()));
            // A hang guard only: the timeout setting is what is tested.
            EngineException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try (StepFunctionsEngine engine = StepFunctionsEngine.create(s)) {
                    return assertThrows(EngineException.class, () -> engine.list(Owner.of("hostile")));
                }
            });
            assertTrue(e.getMessage().startsWith("Step Functions did not answer in time to list state machines ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("; check endpoint: and the network, or raise timeout: in the engine: block"
                    + " (default 30s)."), e.getMessage());
        } finally {
            synchronized (held) {
                for (Socket h : held) h.close();
            }
            restore("aws.accessKeyId", oldKey);
            restore("aws.secretAccessKey", oldSecret);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) System.clearProperty(key);
        else System.setProperty(key, value);
    }
}
