package dev.flowctl.engine.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.engine.Fixtures;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.Owner;
import dev.flowctl.port.RunInfo;
import dev.flowctl.port.RunRef;
import dev.flowctl.port.RunRequest;
import dev.flowctl.port.RunState;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Runs over HTTP against moto's Step Functions, which keeps tags (so the ownership check is the
 * real one) but does not execute the ASL: an execution stays RUNNING until stopped
 * (SF_EXECUTION_HISTORY_TYPE=SUCCESS, moto's default). moto 5.2.1 cannot start an execution on a
 * version or alias ARN (a 500, or "does not exist"), so these machines run with runOn: machine.
 */
class MotoStepFunctionsRunsTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/flows";
    private static final FlowVersionAddress F1 = new FlowVersionAddress("fleet_features", "v1");
    private static final String INPUT = "{\"fleet_id\":\"f-1\",\"months\":24}";
    private static MotoServer server;
    private static SfnClient client;
    private static int projects;
    @TempDir
    Path work;
    private Fixtures fixtures;
    private Owner owner;
    private StepFunctionsEngine engine;

    @BeforeAll
    static void startServer() throws Exception {
        server = MotoServer.start();
        client = server.client();
    }

    @AfterAll
    static void stopServer() {
        if (client != null) client.close();
        if (server != null) server.close();
    }

    @BeforeEach
    void project() {
        fixtures = new Fixtures(work);
        owner = Owner.of("runs" + (++projects));
        engine = new StepFunctionsEngine(client);
    }

    private static Settings settings() {
        return new Settings(Map.of("type", "stepfunctions", "roleArn", ROLE, "runOn", "machine"));
    }

    private String deploy(Owner who) {
        return engine.deploy(fixtures.request(who, F1.flow(), F1.version(), "x", settings(), false, null)).engineRef();
    }

    private RunRequest run(String machine, String input, String key) {
        return new RunRequest(owner, F1, machine, input, key, settings());
    }

    @Test
    void aStartedRunIsDescribedListedAndCancelled() {
        String machine = deploy(owner);
        RunRef run = engine.start(run(machine, INPUT, "order-1"));
        assertEquals(F1, run.address());
        assertTrue(run.runId().endsWith(":execution:" + owner.project() + "-fleet_features-v1:order-1"), run.runId());

        RunInfo info = engine.describe(owner, run);
        assertEquals(RunState.RUNNING, info.state());
        assertNotNull(info.startedAt());
        assertNull(info.stoppedAt());
        assertEquals(INPUT, client.describeExecution(d -> d.executionArn(run.runId())).input(), "the input went to Step Functions");

        RunRef second = engine.start(run(machine, INPUT, "order-2"));
        assertEquals(List.of(second, run), engine.runs(owner, F1, machine, 10).stream().map(RunInfo::ref).toList(), "newest first");
        assertEquals(List.of(second), engine.runs(owner, F1, machine, 1).stream().map(RunInfo::ref).toList());

        engine.cancel(owner, run);
        RunInfo cancelled = engine.describe(owner, run);
        assertEquals(RunState.CANCELLED, cancelled.state());
        assertNotNull(cancelled.stoppedAt());
        engine.cancel(owner, run);
        assertEquals(cancelled.stoppedAt(), engine.describe(owner, run).stoppedAt(), "cancelling an ended run changes nothing");
        assertEquals(RunState.RUNNING, engine.describe(owner, second).state(), "only that run was stopped");
    }

    @Test
    void aRetriedStartWithTheSameKeyStartsOneRun() {
        String machine = deploy(owner);
        RunRef first = engine.start(run(machine, INPUT, "order #7 / retry"));
        RunRef again = engine.start(run(machine, INPUT, "order #7 / retry"));
        assertEquals(first, again);
        assertEquals(1, client.listExecutions(l -> l.stateMachineArn(machine)).executions().size());

        // Formatting is not a different input: the JSON is compared, not its spelling.
        engine.cancel(owner, first);
        assertEquals(first, engine.start(run(machine, "{\"months\": 24, \"fleet_id\": \"f-1\"}", "order #7 / retry")),
                "after the run ended, the key still names it");
        assertEquals(1, client.listExecutions(l -> l.stateMachineArn(machine)).executions().size());

        EngineException other = assertThrows(EngineException.class,
                () -> engine.start(run(machine, "{\"fleet_id\":\"f-2\"}", "order #7 / retry")));
        assertEquals("idempotency key 'order #7 / retry' already started run " + first.runId() + " of fleet_features@v1 with"
                + " another input; use a new key for a new run.", other.getMessage());

        RunRef keyless = engine.start(run(machine, INPUT, null));
        assertNotEquals(keyless, engine.start(run(machine, INPUT, null)), "without a key every start is a new run");
    }

    /** A machine made by hand, or another environment's, is never run, and its runs are neither read nor stopped. */
    @Test
    void runsStartOnlyOnTheOwnersMachines() {
        String name = new StepFunctionsEngine(client).stateMachineName(owner, F1);
        String handMade = client.createStateMachine(c -> c.name(name).roleArn(ROLE).definition(Fixtures.ASL.formatted("by hand")))
                .stateMachineArn();
        EngineException start = assertThrows(EngineException.class, () -> engine.start(run(handMade, INPUT, "k")));
        assertTrue(start.getMessage().startsWith("refusing to start a run of state machine " + handMade + " for fleet_features@v1:"
                + " it was not created by flowctl for project " + owner.project()), start.getMessage());
        assertEquals(1, start.getMessage().lines().count());
        assertEquals(List.of(), client.listExecutions(l -> l.stateMachineArn(handMade)).executions(), "nothing was started");

        String theirs = client.startExecution(s -> s.stateMachineArn(handMade).name("theirs")).executionArn();
        RunRef ref = new RunRef(F1, theirs);
        assertThrows(EngineException.class, () -> engine.describe(owner, ref));
        assertThrows(EngineException.class, () -> engine.cancel(owner, ref));
        assertThrows(EngineException.class, () -> engine.runs(owner, F1, handMade, 10));
        assertEquals(ExecutionStatus.RUNNING, client.describeExecution(d -> d.executionArn(theirs)).status(), "still running");

        Owner prod = new Owner(owner.project(), "prod");
        String prods = deploy(prod);
        assertThrows(EngineException.class, () -> engine.start(run(prods, INPUT, "k")), "the default environment may not run prod's");
        assertEquals(List.of(), client.listExecutions(l -> l.stateMachineArn(prods)).executions());
        RunRef prodRun = engine.start(new RunRequest(prod, F1, prods, INPUT, "k", settings()));
        assertThrows(EngineException.class, () -> engine.cancel(owner, prodRun));
        assertEquals(RunState.RUNNING, engine.describe(prod, prodRun).state());

        assertThrows(EngineException.class, () -> engine.describe(owner, new RunRef(new FlowVersionAddress("fleet_features", "v2"),
                prodRun.runId())), "a run is read only as the version it belongs to");
    }

    @Test
    void anUnknownRunIsNoRunInOneSentence() {
        String machine = deploy(owner);
        String arn = machine.replace(":stateMachine:", ":execution:") + ":never-started";
        EngineException e = assertThrows(EngineException.class, () -> engine.describe(owner, new RunRef(F1, arn)));
        assertTrue(e.getMessage().startsWith("no run " + arn + " of fleet_features@v1 in Step Functions ("), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertThrows(EngineException.class, () -> engine.cancel(owner, new RunRef(F1, arn)));
        assertEquals("'42' is not a run of the stepfunctions engine: its runs are execution ARNs,"
                + " arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME.",
                assertThrows(EngineException.class, () -> engine.describe(owner, new RunRef(F1, "42"))).getMessage());
    }

    @Test
    void aMachineDeletedOutsideFlowctlIsNotRunAndSaysToApply() {
        String machine = deploy(owner);
        client.deleteStateMachine(d -> d.stateMachineArn(machine));
        EngineException e = assertThrows(EngineException.class, () -> engine.start(run(machine, INPUT, "k")));
        assertEquals("there is no state machine " + machine + " for fleet_features@v1 (project " + owner.project()
                + "); it was deleted outside flowctl, so run apply to deploy it again.", e.getMessage());
    }

    /** By default a run starts on the live alias; moto keeps aliases but cannot start on one, so the refusal shows the ARN used. */
    @Test
    void byDefaultARunStartsOnTheLiveAlias() {
        Settings byDefault = new Settings(Map.of("type", "stepfunctions", "roleArn", ROLE));
        String machine = engine.deploy(fixtures.request(owner, F1.flow(), F1.version(), "x", byDefault, false, null)).engineRef();
        EngineException e = assertThrows(EngineException.class,
                () -> engine.start(new RunRequest(owner, F1, machine, INPUT, "k", byDefault)));
        assertTrue(e.getMessage().startsWith("Step Functions has no " + machine + ":live to start fleet_features@v1 on ("),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("; run apply to publish it, or set runOn: machine in the engine: block."), e.getMessage());
    }
}
