package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/**
 * moved: and --replace on Step Functions (moto_server over HTTP), where names and tags matter: a
 * moved version keeps its machine (ARN, name, tags), drift finds it by the recorded ARN, and later
 * replaces and deletes reach that same machine past the ownership check.
 */
class StepFunctionsRefactoringTest extends AgainstMoto {
    @TempDir
    Path dir;

    private String spec(String top, String flow) {
        return """
                project: refac
                engine: { type: stepfunctions, region: us-east-1, endpoint: "%s", roleArn: "arn:aws:iam::123456789012:role/flows" }
                %sflows:
                  %s:
                    source: flows/scoring.py
                    versions:
                      v1:
                        definition: flows/scoring.asl.json
                        inputs:
                          fleet_id: { type: string, required: true }
                """.formatted(moto.endpoint(), top, flow);
    }

    /** The project's machines: ARN -> name, definition and tags. */
    private static Map<String, String> machines() {
        Map<String, String> all = new TreeMap<>();
        for (StateMachineListItem m : sfn.listStateMachines(l -> l.maxResults(1000)).stateMachines()) {
            if (!m.name().startsWith("refac-")) continue;
            all.put(m.stateMachineArn(), m.name() + " " + sfn.describeStateMachine(d -> d.stateMachineArn(m.stateMachineArn())).definition()
                    + " " + new TreeMap<>(sfn.listTagsForResource(t -> t.resourceArn(m.stateMachineArn())).tags().stream()
                    .collect(java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value()))));
        }
        return all;
    }

    @Test
    void aMovedMachineKeepsItsArnAndTagsAndStaysManaged() throws Exception {
        Path flows = Cli.write(dir.resolve("flows.yaml"), spec("", "scoring"));
        Cli.write(dir.resolve("flows/scoring.py"), "print('score')\n");
        Cli.write(dir.resolve("flows/scoring.asl.json"), "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}");
        Cli.Result apply = Cli.run("apply", "-f", flows.toString(), "--auto-approve");
        assertEquals(ExitCode.OK, apply.code(), apply::toString);
        Map<String, String> before = machines();
        assertEquals(1, before.size(), before::toString);
        String arn = before.keySet().iterator().next();

        Cli.write(flows, spec("moved:\n  - { from: scoring@v1, to: scores@v1 }\n", "scores"));
        Cli.Result move = Cli.run("apply", "-f", flows.toString(), "--auto-approve");
        assertEquals(ExitCode.OK, move.code(), move::toString);
        assertTrue(move.out().contains("1 moved"), move::toString);
        assertEquals(before, machines(), "same machine: ARN, name, definition and tags unchanged");
        String state = Cli.read(dir.resolve(".flowctl/state.json"));
        assertEquals(arn, new ObjectMapper().readTree(state).path("versions").path("scores@v1").path("engineRef").asText());

        Cli.Result drift = Cli.run("drift", "-f", flows.toString());
        assertEquals(ExitCode.OK, drift.code(), "drift finds the moved machine by its ARN: " + drift);

        Cli.Result replace = Cli.run("apply", "-f", flows.toString(), "--auto-approve", "--replace", "scores@v1");
        assertEquals(ExitCode.OK, replace.code(), replace::toString);
        assertTrue(replace.out().contains("1 replaced"), replace::toString);
        assertEquals(before.keySet(), machines().keySet(), "replaced in place: still the one machine");
        assertEquals(ExitCode.OK, Cli.run("drift", "-f", flows.toString()).code());

        // Removing the moved version deletes that machine: the ownership check reads the tags it was deployed with.
        Cli.write(flows, spec("", "scores").replace("      v1:", "      v2:"));
        Cli.Result delete = Cli.run("apply", "-f", flows.toString(), "--auto-approve");
        assertEquals(ExitCode.OK, delete.code(), delete::toString);
        assertTrue(!machines().containsKey(arn), machines()::toString);
    }
}
