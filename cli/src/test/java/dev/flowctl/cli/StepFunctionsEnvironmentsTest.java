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
 * {@code apply -e dev} and {@code apply -e prod} against one Step Functions account (moto_server
 * over HTTP): each environment gets its own state machine, and neither apply nor a removal in
 * one touches the other's.
 */
class StepFunctionsEnvironmentsTest extends AgainstMoto {
    @TempDir
    Path dir;

    private String spec(String versions) {
        return """
                project: envs
                engine: { type: stepfunctions, region: us-east-1, endpoint: "%s", roleArn: "arn:aws:iam::123456789012:role/flows" }
                environments:
                  dev: {}
                  prod: {}
                flows:
                  scoring:
                    source: flows/scoring.py
                    versions:
                %s""".formatted(moto.endpoint(), versions);
    }

    private static String version(String v) {
        return "      " + v + ":\n        definition: flows/scoring.asl.json\n        inputs:\n          fleet_id: { type: string, required: true }\n";
    }

    /** The project's machines: name -> definition and tags. */
    private static Map<String, String> machines() {
        Map<String, String> all = new TreeMap<>();
        for (StateMachineListItem m : sfn.listStateMachines(l -> l.maxResults(1000)).stateMachines()) {
            if (!m.name().startsWith("envs-")) continue;
            all.put(m.name(), sfn.describeStateMachine(d -> d.stateMachineArn(m.stateMachineArn())).definition() + " "
                    + sfn.listTagsForResource(t -> t.resourceArn(m.stateMachineArn())).tags());
        }
        return all;
    }

    @Test
    void devAndProdEachGetTheirOwnMachineAndNeverTouchTheOthers() {
        Path flows = Cli.write(dir.resolve("flows.yaml"), spec(version("v1")));
        Cli.write(dir.resolve("flows/scoring.py"), "print('score')\n");
        Cli.write(dir.resolve("flows/scoring.asl.json"), "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}");

        Cli.Result dev = Cli.run("apply", "-f", flows.toString(), "-e", "dev", "--auto-approve");
        assertEquals(ExitCode.OK, dev.code(), dev::toString);
        Map<String, String> afterDev = machines();
        Cli.Result prod = Cli.run("apply", "-f", flows.toString(), "-e", "prod", "--auto-approve");
        assertEquals(ExitCode.OK, prod.code(), prod::toString);
        assertTrue(prod.out().contains("1 created"), "prod creates its own machine instead of finding dev's: " + prod);
        Map<String, String> both = machines();
        assertEquals(List.of("envs-dev-scoring-v1", "envs-prod-scoring-v1"), List.copyOf(both.keySet()));
        assertEquals(afterDev.get("envs-dev-scoring-v1"), both.get("envs-dev-scoring-v1"), "prod's apply left dev's machine alone");

        Cli.Result drift = Cli.run("drift", "-f", flows.toString(), "-e", "dev");
        assertEquals(ExitCode.OK, drift.code(), "dev sees no drift, not prod's machine as unmanaged: " + drift);

        // dev removes v1 and edits nothing else: only dev's machine goes.
        Cli.write(flows, spec(version("v2")));
        Cli.Result removeInDev = Cli.run("apply", "-f", flows.toString(), "-e", "dev", "--auto-approve");
        assertEquals(ExitCode.OK, removeInDev.code(), removeInDev::toString);
        Map<String, String> after = machines();
        assertEquals(both.get("envs-prod-scoring-v1"), after.get("envs-prod-scoring-v1"), "dev's delete left prod's machine alone");
        assertTrue(!after.containsKey("envs-dev-scoring-v1"), after.toString());
    }
}
