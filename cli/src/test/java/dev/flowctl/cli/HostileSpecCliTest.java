package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 13: validate, plan and apply run one validation path, so the pull-request gate
 * (plan) never passes what apply then fails on. For each hostile spec all three exit 1 with the
 * same one-sentence message at a position, and nothing is written to state.
 */
class HostileSpecCliTest {
    @TempDir
    Path dir;

    private static final String FLOW = "flows:\n  f:\n    source: flows/f.py\n    versions:\n      v1:\n        inputs:\n";

    private static Map<String, String> specs() {
        StringBuilder many = new StringBuilder("project: risk\n" + FLOW);
        for (int i = 0; i < 1_001; i++) many.append("          i").append(i).append(": { type: int }\n");
        return Map.of(
                "unknown engine type", "project: risk\nengine: { type: airflow }\n" + FLOW + "          {}\n",
                "unknown state backend", "project: risk\nstate: { backend: ftp }\n" + FLOW + "          {}\n",
                "missing definition", "project: risk\nengine: { type: stepfunctions, roleArn: 'arn:aws:iam::1:role/f' }\n" + FLOW + "          {}\n",
                "1,200-deep type", "project: risk\n" + FLOW + "          x: { type: '" + "list<".repeat(1_200) + "int" + ">".repeat(1_200) + "' }\n",
                "huge description", "project: risk\n" + FLOW + "          x: { type: int, description: |\n"
                        + ("              " + "d".repeat(1_000) + "\n").repeat(70) + "            }\n",
                "too many inputs", many.toString());
    }

    /** The problem lines, without the closing line that names what the command left undone. */
    private static List<String> problems(String err) {
        List<String> lines = err.lines().toList();
        return lines.size() > 1 ? lines.subList(0, lines.size() - 1) : lines;
    }

    @Test
    void validatePlanAndApplyRefuseHostileSpecsAlike() {
        Cli.write(dir.resolve("flows/f.py"), "print(1)\n");
        for (Map.Entry<String, String> spec : specs().entrySet()) {
            Path file = Cli.write(dir.resolve("flows.yaml"), spec.getValue());
            Cli.Result validate = Cli.run("validate", "-f", file.toString());
            assertEquals(ExitCode.ERROR, validate.code(), () -> spec.getKey() + ": " + validate);
            assertTrue(validate.err().startsWith("Error: ") || validate.err().startsWith(file + ":"), () -> spec.getKey() + ": " + validate);
            assertFalse(validate.err().contains("Exception"), () -> spec.getKey() + ": " + validate);
            for (List<String> command : List.of(List.of("plan"), List.of("apply", "--auto-approve"))) {
                List<String> args = new java.util.ArrayList<>(command);
                args.addAll(List.of("-f", file.toString()));
                Cli.Result r = Cli.run(args.toArray(String[]::new));
                assertEquals(ExitCode.ERROR, r.code(), () -> spec.getKey() + ", " + command + ": " + r);
                assertEquals(problems(validate.err()), problems(r.err()), () -> spec.getKey() + ": " + command.get(0) + " reports validate's problems");
            }
            assertFalse(Files.exists(dir.resolve(".flowctl/state.json")), () -> spec.getKey() + ": no state is written");
        }
    }
}
