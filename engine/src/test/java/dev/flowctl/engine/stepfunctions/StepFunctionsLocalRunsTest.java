package dev.flowctl.engine.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.Owner;
import dev.flowctl.port.RunInfo;
import dev.flowctl.port.RunRef;
import dev.flowctl.port.RunRequest;
import dev.flowctl.port.RunState;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Settings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineRequest;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.ListExecutionsRequest;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.sfn.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StopExecutionRequest;
import software.amazon.awssdk.services.sfn.model.StopExecutionResponse;
import software.amazon.awssdk.services.sfn.model.Tag;

/**
 * Runs that really execute, over HTTP against stepfunctions-local (1.3.1), which interprets Pass,
 * Wait and Task states. It has no tagging (ListTagsForResource is an "InvalidAction"), and flowctl
 * starts runs only on machines whose tags say they are the owner's: the first test shows that
 * refusal; the others give the engine a client that answers ListTagsForResource with the tags
 * flowctl's deploy would have put on the machine ({@link TagsFromTheTest}) and sends every other
 * call to the emulator unchanged.
 * Two of its gaps shape the machines below: a Fail state ends the execution as SUCCEEDED, so the
 * failing run is a Task whose Lambda cannot be reached; and DescribeExecution leaves out error and
 * cause, which the engine then reads from the execution history.
 */
class StepFunctionsLocalRunsTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/flows";
    private static final Settings SETTINGS = new Settings(Map.of("type", "stepfunctions", "roleArn", ROLE, "runOn", "machine"));
    private static final int POLLS = 300;
    private static SfnLocalServer server;
    private static SfnClient emulator;
    private static int projects;
    private Owner owner;
    private TagsFromTheTest tagged;
    private StepFunctionsEngine engine;

    @BeforeAll
    static void startServer() throws Exception {
        server = SfnLocalServer.start();
        emulator = server.client();
    }

    @AfterAll
    static void stopServer() {
        if (emulator != null) emulator.close();
        if (server != null) server.close();
    }

    @BeforeEach
    void project() {
        owner = Owner.of("local" + (++projects));
        tagged = new TagsFromTheTest(emulator);
        engine = new StepFunctionsEngine(tagged);
    }

    /** A machine of this owner's flow version, made with the emulator's client and given flowctl's tags in the test's store. */
    private String machine(FlowVersionAddress a, String asl) {
        String arn = emulator.createStateMachine(c -> c.name(owner.project() + "-" + a.flow() + "-" + a.version()).roleArn(ROLE)
                .definition(asl)).stateMachineArn();
        tagged.tags.put(arn, Map.of(MachineTags.TAG_PROJECT, owner.project(), MachineTags.TAG_FLOW, a.flow(),
                MachineTags.TAG_VERSION, a.version()));
        return arn;
    }

    private RunInfo untilEnded(RunRef run) throws InterruptedException {
        for (int i = 0; i < POLLS; i++) {
            RunInfo info = engine.describe(owner, run);
            if (info.state().terminal()) return info;
            Thread.sleep(100);
        }
        throw new AssertionError(run + " did not end");
    }

    @Test
    void withoutTagsTheEngineRefusesToStartAndStartsNothing() {
        FlowVersionAddress a = new FlowVersionAddress("untagged", "v1");
        String arn = machine(a, "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}");
        try (StepFunctionsEngine plain = new StepFunctionsEngine(emulator)) {
            EngineException e = assertThrows(EngineException.class,
                    () -> plain.start(new RunRequest(owner, a, arn, "{}", "k", SETTINGS)));
            assertTrue(e.getMessage().startsWith("Step Functions failed to read the tags of state machine " + arn
                    + " (runs start only on machines flowctl deployed for project " + owner.project() + ") for untagged@v1: "),
                    e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
        assertEquals(List.of(), emulator.listExecutions(l -> l.stateMachineArn(arn)).executions());
    }

    @Test
    void aRunThatSucceedsHasItsOutput() throws Exception {
        FlowVersionAddress a = new FlowVersionAddress("features", "v1");
        String arn = machine(a, "{\"StartAt\":\"Build\",\"States\":{\"Build\":{\"Type\":\"Pass\","
                + "\"Result\":{\"rows\":3},\"ResultPath\":\"$.built\",\"End\":true}}}");
        RunRef run = engine.start(new RunRequest(owner, a, arn, "{\"fleet_id\":\"f-1\"}", "build-1", SETTINGS));
        RunInfo done = untilEnded(run);
        assertEquals(RunState.SUCCEEDED, done.state());
        assertEquals(new ObjectMapper().readTree("{\"fleet_id\":\"f-1\",\"built\":{\"rows\":3}}"), new ObjectMapper().readTree(done.output()));
        assertNotNull(done.startedAt());
        assertNotNull(done.stoppedAt());

        assertEquals(run, engine.start(new RunRequest(owner, a, arn, "{\"fleet_id\":\"f-1\"}", "build-1", SETTINGS)),
                "a retry after the run ended returns it");
        engine.cancel(owner, run);
        assertEquals(RunState.SUCCEEDED, engine.describe(owner, run).state(), "cancelling an ended run changes nothing");
        assertEquals(List.of(run), engine.runs(owner, a, arn, 10).stream().map(RunInfo::ref).toList());
    }

    @Test
    void aRunThatFailsSaysWhy() throws Exception {
        FlowVersionAddress a = new FlowVersionAddress("scores", "v1");
        String arn = machine(a, "{\"StartAt\":\"Score\",\"States\":{\"Score\":{\"Type\":\"Task\","
                + "\"Resource\":\"arn:aws:lambda:us-east-1:123456789012:function:nowhere\",\"End\":true}}}");
        RunInfo failed = untilEnded(engine.start(new RunRequest(owner, a, arn, "{}", null, SETTINGS)));
        assertEquals(RunState.FAILED, failed.state());
        assertTrue(failed.error() != null && !failed.error().isBlank(), "the error and cause from the history: " + failed);
        assertEquals(null, failed.output());
    }

    @Test
    void aWaitingRunIsCancelledAndARetryWhileItRunsReturnsIt() throws Exception {
        FlowVersionAddress a = new FlowVersionAddress("nightly", "v1");
        String arn = machine(a, "{\"StartAt\":\"Wait\",\"States\":{\"Wait\":{\"Type\":\"Wait\",\"Seconds\":3600,\"End\":true}}}");
        RunRef run = engine.start(new RunRequest(owner, a, arn, "{\"day\":\"2024-01-01\"}", "nightly 2024-01-01", SETTINGS));
        assertEquals(RunState.RUNNING, engine.describe(owner, run).state());
        // stepfunctions-local answers ExecutionAlreadyExists even for the same input, and names executions in region
        // "local": the engine finds the run by its name.
        assertEquals(run, engine.start(new RunRequest(owner, a, arn, "{\"day\":\"2024-01-01\"}", "nightly 2024-01-01", SETTINGS)));
        engine.cancel(owner, run);
        RunInfo cancelled = engine.describe(owner, run);
        assertEquals(RunState.CANCELLED, cancelled.state());
        assertNotNull(cancelled.stoppedAt());
        assertEquals(1, emulator.listExecutions(l -> l.stateMachineArn(arn)).executions().size());
    }

    /**
     * The emulator's client with the one call it lacks, ListTagsForResource, answered from tags the
     * test sets; every call the engine makes for runs goes to the emulator as is. A call not listed
     * here fails (SfnClient's default), so nothing else is quietly stood in for.
     */
    private static final class TagsFromTheTest implements SfnClient {
        private final SfnClient emulator;
        final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();

        TagsFromTheTest(SfnClient emulator) {
            this.emulator = emulator;
        }

        @Override
        public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest r) {
            return ListTagsForResourceResponse.builder().tags(tags.getOrDefault(r.resourceArn(), Map.of()).entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
        }

        @Override
        public DescribeStateMachineResponse describeStateMachine(DescribeStateMachineRequest r) {
            return emulator.describeStateMachine(r);
        }

        @Override
        public StartExecutionResponse startExecution(StartExecutionRequest r) {
            return emulator.startExecution(r);
        }

        @Override
        public DescribeExecutionResponse describeExecution(DescribeExecutionRequest r) {
            return emulator.describeExecution(r);
        }

        @Override
        public StopExecutionResponse stopExecution(StopExecutionRequest r) {
            return emulator.stopExecution(r);
        }

        @Override
        public ListExecutionsResponse listExecutions(ListExecutionsRequest r) {
            return emulator.listExecutions(r);
        }

        @Override
        public GetExecutionHistoryResponse getExecutionHistory(GetExecutionHistoryRequest r) {
            return emulator.getExecutionHistory(r);
        }

        @Override
        public String serviceName() {
            return emulator.serviceName();
        }

        @Override
        public void close() {
        }
    }
}
