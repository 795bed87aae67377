package dev.flowctl.engine.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.engine.Fixtures;
import dev.flowctl.port.DeploymentRequest;
import dev.flowctl.port.EngineException;
import dev.flowctl.spec.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * What stepfunctions-local can still check: it validates Amazon States Language, which moto does
 * not. It has no tagging, and flowctl needs tags to know its own machines, so the conformance
 * suite runs against moto ({@link MotoStepFunctionsEngineTest}) instead.
 */
class StepFunctionsLocalEngineTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/flows";
    private static SfnLocalServer server;
    private static SfnClient client;
    @TempDir
    Path work;

    @BeforeAll
    static void startServer() throws Exception {
        server = SfnLocalServer.start();
        client = server.client();
    }

    @AfterAll
    static void stopServer() {
        if (client != null) client.close();
        if (server != null) server.close();
    }

    /** StartAt names a state that does not exist: the service's reason reaches the user in one sentence. */
    @Test
    void definitionTheServiceRejectsIsOneSentenceNamingTheVersion() throws Exception {
        DeploymentRequest r = new Fixtures(work).request("sfnlocal", "fleet_features", "v1", "x",
                new Settings(Map.of("type", "stepfunctions", "roleArn", ROLE)), false);
        Files.writeString(r.definition(), "{\"StartAt\": \"Nowhere\", \"States\": {\"Build\": {\"Type\": \"Pass\", \"End\": 1}}}");
        EngineException e = assertThrows(EngineException.class, () -> new StepFunctionsEngine(client).deploy(r));
        assertTrue(e.getMessage().startsWith("Step Functions rejected the definition of fleet_features@v1"), e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1 && !e.getMessage().contains("\tat "), e.getMessage());
    }
}
