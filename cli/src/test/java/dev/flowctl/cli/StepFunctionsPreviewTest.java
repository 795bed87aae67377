package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/**
 * Two preview environments of one template in one Step Functions account (moto_server over HTTP;
 * skipped without it): each gets its own state machine, within the 80-character limit, and
 * destroying one deletes only its own.
 */
class StepFunctionsPreviewTest extends AgainstMoto {
    @TempDir
    Path dir;

    /** The project's machines: name -> tags. */
    private static Map<String, String> machines() {
        Map<String, String> all = new TreeMap<>();
        for (StateMachineListItem m : sfn.listStateMachines(l -> l.maxResults(1000)).stateMachines()) {
            if (!m.name().startsWith("previews-")) continue;
            all.put(m.name(), sfn.listTagsForResource(t -> t.resourceArn(m.stateMachineArn())).tags().toString());
        }
        return all;
    }

    @Test
    void twoPreviewsGetDistinctMachinesAndDestroyDeletesOnlyItsOwn() {
        String longFlow = "scoring_with_a_rather_long_flow_name_for_machine_limits";
        Path flows = Cli.write(dir.resolve("flows.yaml"), """
                project: previews
                engine: { type: stepfunctions, region: us-east-1, endpoint: "%s", roleArn: "arn:aws:iam::123456789012:role/flows" }
                environments:
                  preview: { template: true, instances: 'pr-*' }
                flows:
                  %s:
                    source: flows/scoring.py
                    versions:
                      v1:
                        definition: flows/scoring.asl.json
                        inputs:
                          fleet_id: { type: string, required: true }
                """.formatted(moto.endpoint(), longFlow));
        Cli.write(dir.resolve("flows/scoring.py"), "print('score')\n");
        Cli.write(dir.resolve("flows/scoring.asl.json"), "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}");

        for (String pr : List.of("pr-101", "pr-102")) {
            Cli.Result r = Cli.run("apply", "-f", flows.toString(), "-e", pr, "--auto-approve");
            assertEquals(ExitCode.OK, r.code(), r::toString);
        }
        Map<String, String> both = machines();
        assertEquals(2, both.size(), both.toString());
        both.keySet().forEach(name -> assertTrue(name.length() <= 80, name));
        assertTrue(both.values().stream().anyMatch(t -> t.contains("pr-101")) && both.values().stream().anyMatch(t -> t.contains("pr-102")),
                both.toString());

        Cli.Result destroyed = Cli.run("destroy", "-f", flows.toString(), "-e", "pr-101", "--auto-approve");
        assertEquals(ExitCode.OK, destroyed.code(), destroyed::toString);
        Map<String, String> after = machines();
        assertEquals(1, after.size(), after.toString());
        assertTrue(after.values().iterator().next().contains("pr-102"), "pr-102's machine is left alone: " + after);
    }
}
