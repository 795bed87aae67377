package dev.flowctl.engine.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.withSettings;

import dev.flowctl.engine.Fixtures;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.LiveAttributes;
import dev.flowctl.port.LiveFlowVersion;
import dev.flowctl.port.Owner;
import dev.flowctl.spec.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Answers;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineRequest;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineRequest;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidLoggingConfigurationException;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesRequest;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.sfn.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.Tag;

/** How Step Functions failures reach the user, with the SfnClient mocked to fail as AWS does. */
class StepFunctionsEngineErrorsTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/flows";
    @TempDir
    Path work;
    private SfnClient sfn;
    private StepFunctionsEngine engine;

    @BeforeEach
    void setUp() {
        // Real default methods, so the Consumer<Builder> overloads reach the stubbed request overloads.
        sfn = mock(SfnClient.class, withSettings().defaultAnswer(Answers.CALLS_REAL_METHODS));
        doReturn(ListStateMachinesResponse.builder().build()).when(sfn).listStateMachines(any(ListStateMachinesRequest.class));
        engine = new StepFunctionsEngine(sfn);
    }

    private String deployFailingWith(SdkException e) {
        doThrow(e).when(sfn).createStateMachine(any(CreateStateMachineRequest.class));
        var r = new Fixtures(work).request("risk", "fleet_features", "v1", "x",
                new Settings(Map.of("type", "stepfunctions", "roleArn", ROLE)), false);
        return assertThrows(EngineException.class, () -> engine.deploy(r)).getMessage();
    }

    private static SfnException aws(String code, String message) {
        return (SfnException) SfnException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    @Test
    void invalidDefinitionNamesTheVersionAndTheFix() {
        String m = deployFailingWith(InvalidDefinitionException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("InvalidDefinition").errorMessage("Invalid State Machine Definition: MISSING_TRANSITION_TARGET").build()).build());
        assertTrue(m.startsWith("Step Functions rejected the definition of fleet_features@v1"), m);
        assertTrue(m.contains("MISSING_TRANSITION_TARGET") && m.contains("fix the Amazon States Language file"), m);
    }

    @Test
    void accessDeniedSaysWhichPermissionsToGrant() {
        String m = deployFailingWith(aws("AccessDeniedException",
                "User: arn:aws:sts::1:assumed-role/ci/x is not authorized to perform: states:CreateStateMachine"));
        assertTrue(m.startsWith("access denied when trying to create state machine risk-fleet_features-v1"), m);
        assertTrue(m.contains("grant the deploying identity states:*") && m.contains("iam:PassRole on " + ROLE), m);
    }

    @Test
    void roleThatCannotBeAssumedPointsAtRoleArn() {
        String m = deployFailingWith(aws("AccessDeniedException",
                "Neither the global service principal states.amazonaws.com, nor the regional one is authorized to assume the provided role."));
        assertTrue(m.startsWith("Step Functions cannot use role " + ROLE), m);
        assertTrue(m.contains("check roleArn in the engine: block") && m.contains("trust states.amazonaws.com"), m);
    }

    @Test
    void loggingRejectionPointsAtTheLogGroup() {
        String m = deployFailingWith(InvalidLoggingConfigurationException.builder().statusCode(400).awsErrorDetails(
                AwsErrorDetails.builder().errorCode("InvalidLoggingConfiguration").errorMessage("bad log group").build()).build());
        assertTrue(m.contains("logging.logGroupArn"), m);
    }

    @Test
    void unreachableEndpointSaysWhatToCheck() {
        String m = deployFailingWith(SdkClientException.create("Unable to execute HTTP request: Connection refused"));
        assertTrue(m.startsWith("cannot reach Step Functions to create state machine"), m);
        assertTrue(m.contains("Connection refused") && m.contains("region, endpoint and credentials"), m);
    }

    @Test
    void expiredCredentialsSayToRefreshThem() {
        String m = deployFailingWith(aws("ExpiredTokenException", "The security token included in the request is expired"));
        assertTrue(m.startsWith("AWS did not accept the credentials"), m);
    }

    @Test
    void missingRoleArnIsASettingsError() {
        var r = new Fixtures(work).request("risk", "fleet_features", "v1", "x", new Settings(Map.of("type", "stepfunctions")), false);
        String m = assertThrows(EngineException.class, () -> engine.deploy(r)).getMessage();
        assertEquals("the stepfunctions engine needs 'roleArn' in the engine: block of flows.yaml, e.g. roleArn: "
                + "arn:aws:iam::123456789012:role/flows.", m);
    }

    @Test
    void listKeepsThisProjectsMachinesAndSeesDefinitionsEditedInTheConsole() {
        String arn = "arn:aws:states:us-east-1:1:stateMachine:risk-fleet_features-v1";
        String other = "arn:aws:states:us-east-1:1:stateMachine:other-x-v1";
        doReturn(ListStateMachinesResponse.builder()
                .stateMachines(StateMachineListItem.builder().name("risk-fleet_features-v1").stateMachineArn(arn).build(),
                        StateMachineListItem.builder().name("other-x-v1").stateMachineArn(other).build()).build())
                .when(sfn).listStateMachines(any(ListStateMachinesRequest.class));
        String deployed = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}";
        doAnswer(inv -> {
            ListTagsForResourceRequest req = inv.getArgument(0);
            String project = req.resourceArn().equals(arn) ? "risk" : "other";
            return ListTagsForResourceResponse.builder().tags(tag("flowctl:project", project), tag("flowctl:flow", "fleet_features"),
                    tag("flowctl:version", "v1"), tag("flowctl:hash", "sha256:abc"),
                    tag("flowctl:asl", AslDefinition.canonicalHash(deployed)),
                    tag("flowctl:config", StepFunctionsSettings.configHash(ROLE, null, null))).build();
        }).when(sfn).listTagsForResource(any(ListTagsForResourceRequest.class));
        doReturn(DescribeStateMachineResponse.builder().stateMachineArn(arn).roleArn(ROLE)
                .definition(deployed.replace("Pass", "Succeed").replace(",\"End\":true", "")).build())
                .when(sfn).describeStateMachine(any(DescribeStateMachineRequest.class));
        List<LiveFlowVersion> live = engine.list(Owner.of("risk"));
        assertEquals(1, live.size());
        assertEquals(arn, live.get(0).engineRef());
        LiveAttributes a = live.get(0).attributes();
        assertEquals("sha256:abc", a.fingerprint());
        assertTrue(a.editedOutside().containsKey("definition"), a.toString());
        assertTrue(a.editedOutside().get("definition").startsWith("sha256:"), a.toString());
        assertEquals(java.util.Set.of("definition"), a.editedOutside().keySet(), "role, logging and tracing are as deployed: " + a);
    }

    private static Tag tag(String k, String v) {
        return Tag.builder().key(k).value(v).build();
    }

    /** An error without a message (an emulator's, a proxy's bare 5xx) still says which error, and how to trace it. */
    @Test
    void errorWithoutAMessageCarriesCodeStatusAndRequestId() {
        doThrow(SfnException.builder().statusCode(500).requestId("req-42")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalFailure").errorMessage("").build()).build())
                .when(sfn).listStateMachines(any(ListStateMachinesRequest.class));
        String m = assertThrows(EngineException.class, () -> engine.list(Owner.of("risk"))).getMessage();
        assertEquals("Step Functions failed to list state machines for project risk: InternalFailure, HTTP status 500,"
                + " request id req-42.", m);
    }
}
