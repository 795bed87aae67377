package dev.flowctl.engine.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.engine.Fixtures;
import dev.flowctl.engine.FlowRunContract;
import dev.flowctl.engine.OwnershipLaw;
import dev.flowctl.port.Deployment;
import dev.flowctl.port.DeploymentRequest;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.LiveFlowVersion;
import dev.flowctl.port.Owner;
import dev.flowctl.port.RunRef;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.Tag;

/**
 * The conformance suite, deployments and runs, over HTTP against moto's Step Functions, which keeps
 * tags, published versions and aliases, plus the ownership rules: machines flowctl did not create
 * for this project and environment are never changed or deleted. moto runs executions through its
 * ASL interpreter here ({@link MotoServer#executeStateMachines}), so a run really ends as its
 * machine says. Each test works in an account of its own: moto 5.2.1 starts only one execution per
 * account ({@link MotoServer#startsMoreThanOneExecutionPerAccount}), and the two contract tests
 * that need two are skipped on such a moto, naming the bug, rather than weakened.
 */
class MotoStepFunctionsEngineTest extends FlowRunContract {
    static final String ROLE = "arn:aws:iam::123456789012:role/flows";
    private static MotoServer server;
    private static boolean manyExecutionsPerAccount;
    private static long accounts = 200_000_000_000L;
    private SfnClient client;

    @BeforeAll
    static void startServer() throws Exception {
        server = MotoServer.start();
        server.executeStateMachines();
        manyExecutionsPerAccount = server.startsMoreThanOneExecutionPerAccount();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    @BeforeEach
    void account() {
        client = server.client(String.valueOf(++accounts));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Override
    protected FlowEngine engine() {
        return new StepFunctionsEngine(client);
    }

    @Override
    protected Settings settings() {
        return new Settings(Map.of("type", "stepfunctions", "roleArn", ROLE));
    }

    /** A Pass, a Fail or an hour's Wait, run on the machine itself: moto cannot start an execution on a version or alias ARN. */
    @Override
    protected DeploymentRequest runnableRequest(RunKind kind) {
        String states = switch (kind) {
            case SUCCEEDS -> "{\"Build\": {\"Type\": \"Pass\", \"Result\": {\"rows\": 3}, \"ResultPath\": \"$.built\", \"End\": true}}";
            case FAILS -> "{\"Build\": {\"Type\": \"Fail\", \"Error\": \"Features.NoFleet\", \"Cause\": \"fleet-7 has no trips\"}}";
            case RUNS_LONG -> "{\"Build\": {\"Type\": \"Wait\", \"Seconds\": 3600, \"End\": true}}";
        };
        Settings onMachine = new Settings(Map.of("type", "stepfunctions", "roleArn", ROLE, "runOn", "machine"));
        return fixtures.withDefinition(fixtures.request(project, "fleet_features", "v1", kind.name(), onMachine, false),
                "{\"Comment\": \"" + kind + "\", \"StartAt\": \"Build\", \"States\": " + states + "}");
    }

    /** An execution ARN of the known run's machine that was never started. */
    @Override
    protected String unknownRunId(RunRef known) {
        return known.runId().substring(0, known.runId().lastIndexOf(':') + 1) + "never-started";
    }

    @Test
    @Override
    protected void differentKeysStartDifferentRuns() {
        assumeManyExecutionsPerAccount();
        super.differentKeysStartDifferentRuns();
    }

    @Test
    @Override
    protected void runsAreListedNewestFirst() {
        assumeManyExecutionsPerAccount();
        super.runsAreListedNewestFirst();
    }

    private static void assumeManyExecutionsPerAccount() {
        Assumptions.assumeTrue(manyExecutionsPerAccount, "this moto_server starts one execution per account (moto 5.2.1,"
                + " getmoto/moto#10077, fixed by #10093), and this test needs two");
    }

    /** moto checks the role ARN (not the ASL): a role that is no ARN is refused. */
    @Override
    protected DeploymentRequest failingRequest(String project) {
        return fixtures.request(project, "fleet_features", "v1", "x",
                new Settings(Map.of("type", "stepfunctions", "roleArn", "arn:aws:iam::123456789012:not-a-role")), false);
    }

    /** A state machine made by hand (say in the console), under the name flowctl would give fleet_features@v1. */
    private String handMade(String name, Map<String, String> tags) {
        return client.createStateMachine(c -> c.name(name).roleArn(ROLE).definition(Fixtures.ASL.formatted("by hand"))
                .tags(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()))
                .stateMachineArn();
    }

    private record Snapshot(String definition, String role, Map<String, String> tags) {
    }

    private Snapshot snapshot(String arn) {
        DescribeStateMachineResponse d = client.describeStateMachine(x -> x.stateMachineArn(arn));
        Map<String, String> tags = new TreeMap<>();
        client.listTagsForResource(t -> t.resourceArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
        return new Snapshot(d.definition(), d.roleArn(), tags);
    }

    @Test
    void handMadeMachineWithFlowctlsNameIsNeitherTakenOverNorDeleted() {
        String name = project + "-fleet_features-v1";
        String arn = handMade(name, Map.of("team", "risk"));
        Snapshot before = snapshot(arn);

        EngineException create = assertThrows(EngineException.class, () -> engine().deploy(request("fleet_features", "v1", "x", false)));
        assertTrue(create.getMessage().startsWith("cannot create fleet_features@v1: state machine " + name
                + " already exists and was not created by flowctl for project " + project), create.getMessage());
        assertTrue(create.getMessage().contains("flowctl import fleet_features@v1 " + arn), create.getMessage());
        assertEquals(1, create.getMessage().lines().count(), create.getMessage());

        EngineException update = assertThrows(EngineException.class, () -> engine().deploy(
                fixtures.request(Owner.of(project), "fleet_features", "v1", "x", settings(), true, arn)));
        assertTrue(update.getMessage().startsWith("refusing to update state machine " + arn + " for fleet_features@v1: it was not"
                + " created by flowctl for project " + project), update.getMessage());
        EngineException delete = assertThrows(EngineException.class, () -> engine().delete(Owner.of(project), F1, arn));
        assertTrue(delete.getMessage().startsWith("refusing to delete state machine " + arn), delete.getMessage());
        assertThrows(EngineException.class, () -> engine().delete(Owner.of(project), F1, null), "found by name, still refused");

        assertEquals(before, snapshot(arn));
        assertEquals(List.of(), live(project), "a hand-made machine is not this project's deployment");
    }

    /** The machine of another environment (or project) that shares the name is refused the same way. */
    @Test
    void machineOfAnotherEnvironmentUnderTheSameNameIsRefused() {
        String name = project + "-fleet_features-v1";
        String arn = handMade(name, Map.of("flowctl:project", project, "flowctl:environment", "prod",
                "flowctl:flow", "fleet_features", "flowctl:version", "v1"));
        Snapshot before = snapshot(arn);
        assertThrows(EngineException.class, () -> engine().deploy(request("fleet_features", "v1", "x", false)));
        assertThrows(EngineException.class, () -> engine().deploy(
                fixtures.request(Owner.of(project), "fleet_features", "v1", "x", settings(), true, arn)));
        assertThrows(EngineException.class, () -> engine().delete(Owner.of(project), F1, arn));
        assertEquals(before, snapshot(arn));
    }

    @Test
    void namedEnvironmentsGetTheirOwnNamesAndTags() {
        Deployment prod = engine().deploy(fixtures.request(new Owner(project, "prod"), "fleet_features", "v1", "p", settings(), false, null));
        Deployment dev = engine().deploy(fixtures.request(new Owner(project, "dev"), "fleet_features", "v1", "d", settings(), false, null));
        assertTrue(prod.engineRef().endsWith(":stateMachine:" + project + "-prod-fleet_features-v1"), prod.engineRef());
        assertTrue(dev.engineRef().endsWith(":stateMachine:" + project + "-dev-fleet_features-v1"), dev.engineRef());
        assertEquals("prod", snapshot(prod.engineRef()).tags().get("flowctl:environment"));
        assertEquals(List.of(dev.engineRef()), engine().list(new Owner(project, "dev")).stream().map(LiveFlowVersion::engineRef).toList());
        assertThrows(EngineException.class, () -> engine().delete(new Owner(project, "dev"), F1, prod.engineRef()),
                "dev may not delete prod's machine even when handed its ARN");
        assertTrue(engine().list(new Owner(project, "prod")).stream().anyMatch(l -> l.engineRef().equals(prod.engineRef())));
    }

    /** Machines deployed before environments were tagged carry no environment tag: they are the default environment's. */
    @Test
    void defaultEnvironmentKeepsItsOldNamesAndUntaggedMachines() {
        String name = project + "-fleet_features-v1";
        String arn = handMade(name, Map.of("flowctl:project", project, "flowctl:flow", "fleet_features", "flowctl:version", "v1",
                "flowctl:hash", "sha256:old"));
        assertEquals(List.of(arn), live(project).stream().map(LiveFlowVersion::engineRef).toList());
        assertEquals(List.of(), engine().list(new Owner(project, "prod")), "prod does not see the default environment's machine");
        DeploymentRequest update = fixtures.request(Owner.of(project), "fleet_features", "v1", "new", settings(), true, arn);
        assertEquals(arn, engine().deploy(update).engineRef(), "updated in place, under its old name");
        assertEquals(update.digest().fingerprint(), snapshot(arn).tags().get("flowctl:hash"));
        engine().delete(Owner.of(project), F1, arn);
        assertEquals(List.of(), live(project));
    }

    /**
     * A named environment's machine deployed before environments were tagged (old name, no environment
     * tag) may be shared by every environment that recorded it: flowctl refuses to guess and says how to
     * claim it; once claimed with the tag, that environment updates it.
     */
    @Test
    void aNamedEnvironmentsUntaggedMachineIsClaimedByTagNotByGuess() {
        String arn = handMade(project + "-fleet_features-v1", Map.of("flowctl:project", project, "flowctl:flow", "fleet_features",
                "flowctl:version", "v1"));
        Owner prod = new Owner(project, "prod");
        Snapshot before = snapshot(arn);
        EngineException update = assertThrows(EngineException.class,
                () -> engine().deploy(fixtures.request(prod, "fleet_features", "v1", "new", settings(), true, arn)));
        assertEquals("refusing to update state machine " + arn + " for fleet_features@v1: it carries flowctl's marks for project "
                + project + " but no environment (it was deployed before flowctl tagged environments, and other environments may use"
                + " it too); if it is prod's alone, claim it with 'aws stepfunctions tag-resource --resource-arn " + arn
                + " --tags key=flowctl:environment,value=prod', then run apply again.", update.getMessage());
        assertThrows(EngineException.class, () -> engine().delete(prod, F1, arn));
        assertEquals(before, snapshot(arn));

        client.tagResource(t -> t.resourceArn(arn).tags(Tag.builder().key("flowctl:environment").value("prod").build()));
        assertEquals(arn, engine().deploy(fixtures.request(prod, "fleet_features", "v1", "new", settings(), true, arn)).engineRef());
        engine().delete(prod, F1, arn);
        assertEquals(List.of(), engine().list(prod));
    }

    @Test
    void importTagsTheMachineWithItsEnvironment() {
        Owner prod = new Owner(project, "prod");
        DeploymentRequest r = fixtures.request(prod, "fleet_features", "v1", "by hand", settings(), false, null);
        String arn = client.createStateMachine(c -> c.name("made-by-hand-" + project).roleArn(ROLE)
                .definition(Fixtures.ASL.formatted("by hand"))).stateMachineArn();
        engine().adopt(r, arn);
        assertEquals("prod", snapshot(arn).tags().get("flowctl:environment"));
        assertEquals(List.of(arn), engine().list(prod).stream().map(LiveFlowVersion::engineRef).toList());
        EngineException e = assertThrows(EngineException.class,
                () -> engine().adopt(fixtures.request(new Owner(project, "dev"), "fleet_features", "v1", "by hand", settings(), false, null), arn));
        assertTrue(e.getMessage().contains("is managed by flowctl for project " + project + ", environment prod"), e.getMessage());
    }

    @Test
    void everyDeploymentIsPublishedAndTheLiveAliasFollowsTheLatest() {
        Deployment d = engine().deploy(request("fleet_features", "v1", "first", false));
        var first = client.describeStateMachineAlias(a -> a.stateMachineAliasArn(d.engineRef() + ":live"))
                .routingConfiguration().get(0).stateMachineVersionArn();
        DeploymentRequest second = fixtures.request(Owner.of(project), "fleet_features", "v1", "second", settings(), true, d.engineRef());
        engine().deploy(second);
        var latest = client.describeStateMachineAlias(a -> a.stateMachineAliasArn(d.engineRef() + ":live"))
                .routingConfiguration().get(0).stateMachineVersionArn();
        assertNotEquals(first, latest);
        assertTrue(client.describeStateMachine(x -> x.stateMachineArn(d.engineRef())).definition().contains("second"));
    }

    @Test
    void yamlDefinitionIsDeployedAsJson() throws Exception {
        DeploymentRequest r = request("fleet_features", "v1", "yaml", false);
        Path yaml = r.definition().resolveSibling("flow.asl.yaml");
        Files.writeString(yaml, "Comment: from yaml\nStartAt: Build\nStates:\n  Build:\n    Type: Pass\n    End: true\n");
        Deployment d = engine().deploy(new DeploymentRequest(r.owner(), r.address(), r.source(), yaml, r.digest(), r.schema(),
                r.settings(), false));
        String deployed = client.describeStateMachine(x -> x.stateMachineArn(d.engineRef())).definition();
        assertEquals("from yaml", new ObjectMapper().readTree(deployed).get("Comment").asText());
    }

    @Test
    void longNamesAreCutTo80CharactersThatTheServerAccepts() {
        String flow = "a_very_long_flow_name_that_keeps_going_and_going_well_past_what_step_functions_allows";
        Owner prod = new Owner(project, "prod");
        Deployment a = engine().deploy(fixtures.request(prod, flow, "v1", "x", settings(), false, null));
        Deployment b = engine().deploy(fixtures.request(prod, flow, "v2", "x", settings(), false, null));
        String nameA = a.engineRef().substring(a.engineRef().lastIndexOf(':') + 1);
        String nameB = b.engineRef().substring(b.engineRef().lastIndexOf(':') + 1);
        assertEquals(80, nameA.length());
        assertNotEquals(nameA, nameB, "versions never share a name");
    }

    @Test
    void namesFollowTheConfiguredPattern() {
        try (StepFunctionsEngine custom = new StepFunctionsEngine(client, "team-{environment}-{project}-{flow}-{version}", false)) {
            Deployment d = custom.deploy(fixtures.request(new Owner(project, "qa"), "fleet_features", "v1", "x", settings(), false, null));
            assertTrue(d.engineRef().endsWith(":stateMachine:team-qa-" + project + "-fleet_features-v1"), d.engineRef());
        }
    }

    /**
     * The ownership law ({@link OwnershipLaw}) over HTTP: a few random sequences of applies and
     * deletes by two environments next to a hand-made machine. Few, because each step lists and
     * describes every machine twice; the local engine's property runs hundreds.
     */
    @Test
    void noSequenceOfCommandsChangesAMachineFlowctlDidNotCreateForItsOwner() {
        List<List<OwnershipLaw.Step>> samples = OwnershipLaw.steps(10).sampleStream().limit(6).toList();
        int n = 0;
        for (List<OwnershipLaw.Step> steps : samples) {
            OwnershipLaw.check(new Machines(), fixtures, project + "law" + (++n), steps);
        }
    }

    /** The account's state machines as the law sees them. */
    private final class Machines implements OwnershipLaw.Target {
        private String arnPrefix;

        @Override
        public FlowEngine engine() {
            return new StepFunctionsEngine(client);
        }

        @Override
        public Settings settings() {
            return MotoStepFunctionsEngineTest.this.settings();
        }

        @Override
        public String handMade(Owner owner, FlowVersionAddress a) {
            String arn = MotoStepFunctionsEngineTest.this.handMade(new StepFunctionsEngine(client).stateMachineName(owner, a), Map.of());
            arnPrefix = arn.substring(0, arn.lastIndexOf(':') + 1);
            return arn;
        }

        @Override
        public String refOf(Owner owner, FlowVersionAddress a) {
            return arnPrefix + new StepFunctionsEngine(client).stateMachineName(owner, a);
        }

        @Override
        public Map<String, OwnershipLaw.EngineObject> objects(String project) {
            Map<String, OwnershipLaw.EngineObject> objects = new TreeMap<>();
            for (StateMachineListItem m : client.listStateMachines(l -> l.maxResults(1000)).stateMachines()) {
                if (!m.name().startsWith(project + "-")) continue;
                Snapshot s = snapshot(m.stateMachineArn());
                Owner owner = s.tags().containsKey("flowctl:flow")
                        ? new Owner(s.tags().get("flowctl:project"), s.tags().get("flowctl:environment")) : null;
                objects.put(m.stateMachineArn(), new OwnershipLaw.EngineObject(owner, s.toString()));
            }
            return objects;
        }
    }
}
