package dev.flowctl.engine.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.engine.stepfunctions.StepFunctionsSettings.RunTarget;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.RunState;
import dev.flowctl.spec.Settings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The parts of Step Functions runs that need no server: execution names from idempotency keys,
 * what a run starts on, and how execution statuses read. The runs themselves are tested over HTTP
 * ({@link MotoStepFunctionsRunsTest}, {@link StepFunctionsLocalRunsTest}).
 */
class StepFunctionsRunsTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/flows";

    @Test
    void aLegalKeyIsTheExecutionNameItself() {
        assertEquals("order-42_retry", StepFunctionsRuns.executionName("order-42_retry"));
        String eighty = "k".repeat(80);
        assertEquals(eighty, StepFunctionsRuns.executionName(eighty));
    }

    @Test
    void anyOtherKeyBecomesALegalNameOfAtMost80CharactersAlwaysTheSame() {
        for (String key : new String[] {"order #42 / retry", "k".repeat(81), "ключ", "a:b", "", "x".repeat(500) + "é"}) {
            if (key.isEmpty()) continue;
            String name = StepFunctionsRuns.executionName(key);
            assertTrue(name.matches("[A-Za-z0-9_-]{1,80}"), key + " -> " + name);
            assertEquals(name, StepFunctionsRuns.executionName(key), "deterministic, so a retry finds the first run");
        }
        assertTrue(StepFunctionsRuns.executionName("order #42").startsWith("order__42-"));
    }

    @Test
    void twoKeysNeverShareAName() {
        assertNotEquals(StepFunctionsRuns.executionName("a b"), StepFunctionsRuns.executionName("a_b"));
        assertNotEquals(StepFunctionsRuns.executionName("k".repeat(81)), StepFunctionsRuns.executionName("k".repeat(82)));
        // A legal key shaped like a hashed name is hashed too, so it cannot take another key's run.
        String hashed = StepFunctionsRuns.executionName("a b");
        assertNotEquals(hashed, StepFunctionsRuns.executionName(hashed));
    }

    @Test
    void runsStartOnTheAliasByDefaultElseTheLatestVersionElseTheMachine() {
        assertEquals(RunTarget.ALIAS, settings(Map.of()).runOn());
        assertEquals(RunTarget.VERSION, settings(Map.of("alias", "false")).runOn());
        assertEquals(RunTarget.MACHINE, settings(Map.of("publish", "false")).runOn());
        assertEquals(RunTarget.MACHINE, settings(Map.of("runOn", "machine")).runOn());
        assertEquals(RunTarget.VERSION, settings(Map.of("runOn", "version")).runOn());
    }

    @Test
    void aRunTargetThatDeployDoesNotMakeIsRefusedInOneSentence() {
        assertEquals("runOn: alias needs the alias deploy moves, but publish: is false; set alias: live and publish: true, or"
                + " runOn: version or machine.",
                assertThrows(EngineException.class, () -> settings(Map.of("runOn", "alias", "publish", "false"))).getMessage());
        assertEquals("runOn: version needs published versions, but publish: is false; set publish: true, or runOn: machine.",
                assertThrows(EngineException.class, () -> settings(Map.of("runOn", "version", "publish", "false"))).getMessage());
        assertEquals("the stepfunctions engine's runOn is 'latest'; write alias, version or machine.",
                assertThrows(EngineException.class, () -> settings(Map.of("runOn", "latest"))).getMessage());
    }

    @Test
    void everyExecutionStatusReadsAsARunState() {
        assertEquals(RunState.RUNNING, StepFunctionsRuns.state(ExecutionStatus.RUNNING));
        assertEquals(RunState.SUCCEEDED, StepFunctionsRuns.state(ExecutionStatus.SUCCEEDED));
        assertEquals(RunState.FAILED, StepFunctionsRuns.state(ExecutionStatus.FAILED));
        assertEquals(RunState.FAILED, StepFunctionsRuns.state(ExecutionStatus.TIMED_OUT));
        assertEquals(RunState.CANCELLED, StepFunctionsRuns.state(ExecutionStatus.ABORTED));
        assertEquals(RunState.QUEUED, StepFunctionsRuns.state(ExecutionStatus.PENDING_REDRIVE), "a redriven run is about to go again");
        assertEquals(RunState.RUNNING, StepFunctionsRuns.state(ExecutionStatus.UNKNOWN_TO_SDK_VERSION), "not ended: keep watching");
    }

    @Test
    void theMachineOfAVersionOrAliasArnIsTheUnqualifiedArn() {
        String machine = "arn:aws:states:us-east-1:123456789012:stateMachine:risk-fleet_features-v1";
        assertEquals(machine, StepFunctionsRuns.machineOf(machine));
        assertEquals(machine, StepFunctionsRuns.machineOf(machine + ":live"));
        assertEquals(machine, StepFunctionsRuns.machineOf(machine + ":3"));
    }

    private static StepFunctionsSettings settings(Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>(Map.of("type", "stepfunctions", "roleArn", ROLE));
        values.putAll(extra);
        return StepFunctionsSettings.of(new Settings(values));
    }
}
