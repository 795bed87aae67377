package dev.flowctl.engine.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.engine.FlowEngineContract;
import dev.flowctl.port.Deployment;
import dev.flowctl.port.DeploymentRequest;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.spec.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineVersionListItem;

/** The conformance suite, plus published versions and the live alias, against LocalStack (needs Docker). */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackStepFunctionsEngineTest extends FlowEngineContract {
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices("stepfunctions");
    private static SfnClient client;

    @BeforeAll
    static void connect() {
        client = SfnClient.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @AfterAll
    static void disconnect() {
        if (client != null) client.close();
    }

    @Override
    protected FlowEngine engine() {
        return new StepFunctionsEngine(client);
    }

    @Override
    protected Settings settings() {
        return new Settings(Map.of("type", "stepfunctions", "roleArn", StepFunctionsLocalEngineTest.ROLE));
    }

    @Override
    protected DeploymentRequest failingRequest(String project) {
        DeploymentRequest r = request("fleet_features", "v1", "x", false);
        try {
            java.nio.file.Files.writeString(r.definition(), "{\"StartAt\": \"Nowhere\", \"States\": {\"Build\": {\"Type\": \"Pass\", \"End\": true}}}");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return r;
    }

    @Test
    void everyDeploymentIsAPublishedVersionAndTheAliasFollowsTheLatest() {
        DeploymentRequest first = request("fleet_features", "v1", "first", false);
        Deployment d = engine().deploy(first);
        DeploymentRequest second = request("fleet_features", "v1", "second", true);
        engine().deploy(second);
        List<StateMachineVersionListItem> versions = client.listStateMachineVersions(l -> l.stateMachineArn(d.engineRef()))
                .stateMachineVersions();
        assertEquals(2, versions.size());
        String latest = versions.stream().map(StateMachineVersionListItem::stateMachineVersionArn).max(String::compareTo).orElseThrow();
        var alias = client.describeStateMachineAlias(a -> a.stateMachineAliasArn(d.engineRef() + ":live"));
        assertEquals(latest, alias.routingConfiguration().get(0).stateMachineVersionArn());
        var described = client.describeStateMachine(x -> x.stateMachineArn(latest));
        assertTrue(described.description().contains(second.digest().sourceHash()), described.description());
    }

    @Test
    void deleteRemovesAliasesAndTheMachine() {
        Deployment d = engine().deploy(request("fleet_features", "v1", "x", false));
        engine().delete(dev.flowctl.port.Owner.of(project), F1, d.engineRef());
        assertTrue(client.listStateMachines(l -> l.maxResults(1000)).stateMachines().stream()
                .noneMatch(m -> m.stateMachineArn().equals(d.engineRef())));
    }
}
