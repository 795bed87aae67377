package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate checks each environment's engine settings without contacting the engine. */
class EngineSettingsValidationTest {
    @TempDir
    Path dir;

    @BeforeEach
    void sources() {
        Cli.write(dir.resolve("flows/f.py"), "print(1)\n");
        Cli.write(dir.resolve("flows/f.asl.json"), "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}");
    }

    private Cli.Result validate(String engine, String version) {
        Path spec = Cli.write(dir.resolve("flows.yaml"), """
                project: risk
                engine: %s
                environments:
                  prod: { engine: { roleArn: 'arn:aws:iam::1:role/prod' } }
                flows:
                  f:
                    source: flows/f.py
                    versions:
                      v1: %s
                """.formatted(engine, version));
        return Cli.run("validate", "-f", spec.toString());
    }

    @Test
    void completeStepFunctionsSettingsAreValid() {
        Cli.Result r = validate("{ type: stepfunctions, roleArn: 'arn:aws:iam::1:role/flows', region: us-east-1 }",
                "{ definition: flows/f.asl.json }");
        assertEquals(ExitCode.OK, r.code(), r::toString);
    }

    @Test
    void stepFunctionsNeedsARoleAndADefinition() {
        Cli.Result noRole = validate("{ type: stepfunctions }", "{ definition: flows/f.asl.json }");
        assertEquals(ExitCode.ERROR, noRole.code(), noRole::toString);
        assertTrue(noRole.err().contains("the stepfunctions engine needs 'roleArn' in the engine: block"), noRole::toString);
        Cli.Result noDefinition = validate("{ type: stepfunctions, roleArn: 'arn:aws:iam::1:role/flows' }", "{}");
        assertTrue(noDefinition.err().contains("f@v1 has no definition"), noDefinition::toString);
    }

    /** Two environments in one account whose names: leaves out {environment} would share machines: refused up front. */
    @Test
    void environmentsThatWouldShareNamesInOneEngineAreRefused() throws java.io.IOException {
        Cli.Result shared = validate("{ type: stepfunctions, roleArn: 'arn:aws:iam::1:role/flows', region: us-east-1,"
                + " names: '{project}-{flow}-{version}' }", "{ definition: flows/f.asl.json }");
        assertEquals(ExitCode.ERROR, shared.code(), shared::toString);
        assertEquals("Error: environments (default) and 'prod' would deploy under the same names into one engine (Step Functions"
                + " in region us-east-1), because names: \"{project}-{flow}-{version}\" leaves out {environment}; put {environment}"
                + " back into names:, or give each environment its own account, region or endpoint. [FLOWCTL-E0106]\n", shared.err());
        Path spec = dir.resolve("flows.yaml");
        Cli.write(spec, java.nio.file.Files.readString(spec).replace("role/prod' }", "role/prod', region: eu-west-1 }"));
        Cli.Result apart = Cli.run("validate", "-f", spec.toString());
        assertEquals(ExitCode.OK, apart.code(), apart::toString);
    }

    /** The PR gate must not pass what validate rejects and apply would fail on: one validation path. */
    @Test
    void planApplyDriftAndImportRefuseWhatValidateRefuses() {
        Cli.Result validate = validate("{ type: stepfunctions, roleArn: 'arn:aws:iam::1:role/flows' }", "{}");
        assertEquals(ExitCode.ERROR, validate.code(), validate::toString);
        assertEquals("Error: f@v1 has no definition: the stepfunctions engine deploys an Amazon States Language file;"
                + " add definition: to the version in flows.yaml. [FLOWCTL-E0306]\n", validate.err());
        String spec = dir.resolve("flows.yaml").toString();
        for (String[] command : new String[][] {{"plan"}, {"apply", "--auto-approve"}, {"drift"}, {"import", "f@v1", "arn:x"}}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command));
            args.addAll(java.util.List.of("-f", spec));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertEquals(ExitCode.ERROR, r.code(), r::toString);
            assertEquals(validate.err(), r.err(), command[0] + " reports validate's message");
        }

        Cli.Result noRole = validate("{ type: stepfunctions }", "{ definition: flows/f.asl.json }");
        Cli.Result planNoRole = Cli.run("plan", "-f", spec);
        assertEquals(ExitCode.ERROR, planNoRole.code(), planNoRole::toString);
        assertEquals(noRole.err(), planNoRole.err());
    }

    @Test
    void keysOfAnotherEngineAndBadPlaceholdersAreNamed() {
        Cli.Result wrongKey = validate("{ type: command, deploy: ./d.sh, roleArn: x }", "{}");
        assertTrue(wrongKey.err().contains("engine setting 'roleArn' in engine is not used by the command engine"), wrongKey::toString);
        Cli.Result placeholder = validate("{ type: command, deploy: './d.sh {srouce}' }", "{}");
        assertTrue(placeholder.err().contains("unknown placeholder {srouce}"), placeholder::toString);
        Cli.Result type = validate("{ type: airflow }", "{}");
        assertTrue(type.err().contains("unknown engine type 'airflow' in engine; use one of command, local, metaflow, stepfunctions."),
                type::toString);
    }
}
