package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaAndCompletionTest {
    @Test
    void theCommittedFlowsSchemaIsWhatFlowctlSchemaPrints() throws IOException {
        Cli.Result r = Cli.run("schema");
        assertEquals(ExitCode.OK, r.code());
        assertEquals(Files.readString(JsonSchemas.repo().resolve("flows.schema.json")), r.out(),
                "flows.schema.json is out of date: run ./flowctl schema > flows.schema.json");
    }

    @Test
    void editorsValidateTheExampleAgainstTheSchemaAndCatchATypo() throws IOException {
        String example = Files.readString(JsonSchemas.repo().resolve("flows.yaml.example"));
        assertTrue(example.startsWith("# yaml-language-server: $schema=./flows.schema.json\n"), "editors find the schema");
        JsonSchema schema = JsonSchemas.load("flows.schema.json");
        JsonNode doc = new YAMLMapper().readTree(example);
        assertEquals(List.of(), JsonSchemas.problems(schema, doc));

        JsonNode typo = new YAMLMapper().readTree(example.replace("    owner: telematics", "    ownr: telematics")
                .replace("type: list<string>", "type: lst<string>"));
        List<String> problems = JsonSchemas.problems(schema, typo);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.toString().contains("ownr"), problems.toString());
    }

    /** Sources the script in bash and asks it what a user pressing TAB twice would be offered. */
    private static String complete(String script) throws IOException, InterruptedException {
        java.nio.file.Path file = Files.createTempFile("flowctl", ".bash");
        try {
            Files.writeString(file, script);
            String probe = "source '" + file + "' 2>/dev/null\n"
                    + "ask() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE};"
                    + " _complete_flowctl flowctl \"${@: -1}\" \"${@: -2:1}\" 2>/dev/null; echo \"${COMPREPLY[*]}\"; }\n"
                    + "ask flowctl pl\nask flowctl plan --format ''\n";
            Process p = new ProcessBuilder("bash", "--norc", "-c", probe).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void everyCommandAnswersHelpAsItsErrorsSuggest() {
        for (String command : List.of("validate", "plan", "apply", "show", "schema", "completion")) {
            Cli.Result r = Cli.run(command, "--help");
            assertEquals(ExitCode.OK, r.code(), r.toString());
            assertTrue(r.out().startsWith("Usage: flowctl " + command), r.out());
        }
        assertTrue(Cli.run("plan", "--help").out().contains("-out, --out=FILE"));
    }

    @Test
    void completionScriptsKnowTheCommandsAndFormats() throws Exception {
        for (String shell : List.of("bash", "zsh")) {
            Cli.Result r = Cli.run("completion", shell);
            assertEquals(ExitCode.OK, r.code(), r.toString());
            assertTrue(r.out().contains("complete -F _complete_flowctl"), shell);
            String commands = r.out().lines().filter(l -> l.trim().startsWith("local commands=\"validate ")).findFirst().orElse("");
            for (String command : List.of("plan", "apply", "show", "drift", "codegen", "schema", "completion", "force-unlock", "state")) {
                assertTrue(List.of(commands.trim().replace("local commands=", "").replace("\"", "").split(" ")).contains(command),
                        shell + ": " + command + " in " + commands);
            }
            // each command completes the formats it writes
            assertTrue(r.out().contains("(\"text\" \"markdown\" \"json\" \"github\" \"gitlab\")"), shell);
            assertTrue(r.out().contains("(\"text\" \"json\" \"github\" \"gitlab\")"), shell);
        }
        assertTrue(Cli.run("completion", "zsh").out().contains("bashcompinit"));
        assertEquals("plan\ntext markdown json github gitlab\n", complete(Cli.run("completion", "bash").out()));
        Cli.Result fish = Cli.run("completion", "fish");
        assertEquals(ExitCode.ERROR, fish.code());
        assertTrue(fish.err().contains("no completion for shell 'fish'; use bash or zsh."), fish.toString());
    }
}
