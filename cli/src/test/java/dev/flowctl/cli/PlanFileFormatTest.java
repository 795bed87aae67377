package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowctl.compat.Finding;
import dev.flowctl.compat.Severity;
import dev.flowctl.plan.Action;
import dev.flowctl.plan.ActionReason;
import dev.flowctl.json.CanonicalJson;
import dev.flowctl.plan.CompatibilityViolation;
import dev.flowctl.plan.ContentHasher;
import dev.flowctl.plan.DesiredState;
import dev.flowctl.plan.Plan;
import dev.flowctl.plan.PlannedChange;
import dev.flowctl.plan.PlannedDeployment;
import dev.flowctl.plan.VersionDigest;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Settings;
import java.io.IOException;
import java.time.Instant;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planfile as a format: its golden bytes, its JSON Schema, the previous format, and an edited file. */
class PlanFileFormatTest {
    @TempDir
    Path dir;

    @Test
    void aSmallSpecSavesTheGoldenPlanfile() throws IOException {
        Path plan = planGolden();
        String actual = normalised(Files.readString(plan));
        Path golden = resource("planfile/format2/golden.flowplan");
        Path written = Path.of("target", "planfile-actual.flowplan");
        Files.writeString(written, actual); // to update the golden file: copy this over it after reviewing the difference
        assertEquals(Files.readString(golden), actual, "the planfile format changed; if on purpose, bump PlanFileFormat.VERSION");
        assertEquals(Files.readString(plan), new String(PlanFileFormat.write(SavedPlan.read(plan)), StandardCharsets.UTF_8),
                "reading and writing again loses nothing");
    }

    @Test
    void aPlanfileSavedBeforeTargetsExistedReadsAsAFullPlan() throws IOException {
        Path old = Cli.write(dir.resolve("old.flowplan"), Files.readString(resource("planfile/format2/golden.flowplan"))
                .replace("\"TIME\"", "\"2026-03-14T09:30:00Z\""));
        assertFalse(SavedPlan.read(old).plan().partial());
    }

    @Test
    void aSavedPlanMatchesThePublishedJsonSchema() throws IOException {
        Path plan = planGolden();
        JsonNode doc = JsonSchemas.JSON.readTree(plan.toFile());
        assertEquals(List.of(), JsonSchemas.problems(JsonSchemas.load("docs/planfile.schema.json"), doc));
        // And a plan with an update and a delete, which carry other parts.
        Path flows = dir.resolve("flows.yaml");
        String golden = Files.readString(flows);
        Cli.write(flows, golden + "      v2:\n        inputs: {}\n");
        assertEquals(ExitCode.OK, Cli.run("apply", "-f", flows.toString(), "--auto-approve").code());
        Cli.write(flows, golden.replace("default: 24", "default: 12"));
        Path second = dir.resolve("second.flowplan");
        Cli.Result planned = Cli.run("plan", "-f", flows.toString(), "-out", second.toString());
        assertEquals(ExitCode.OK, planned.code(), planned.toString());
        JsonNode updateAndDelete = JsonSchemas.JSON.readTree(second.toFile());
        assertEquals(List.of("update", "delete"), updateAndDelete.findValues("action").stream().map(JsonNode::asText).toList());
        assertEquals(List.of(), JsonSchemas.problems(JsonSchemas.load("docs/planfile.schema.json"), updateAndDelete));
    }

    @Test
    void aPlanfileOfThePreviousFormatIsRefusedWithWhatToDo() {
        copy(resource("planfile/format1"), dir);
        Path old = dir.resolve("v1.flowplan");
        for (String command : List.of("apply", "show")) {
            Cli.Result r = Cli.run(command, old.toString());
            assertEquals(ExitCode.ERROR, r.code(), r.toString());
            assertTrue(r.err().contains("the saved plan " + old + " was saved by an older flowctl (format 1);"
                    + " run flowctl plan -out again."), r.toString());
        }
        assertTrue(Files.notExists(dir.resolve(".flowctl/state.json")), "nothing was applied");
    }

    @Test
    void aPlanfileWhoseDefinitionWasEditedIsRefused() throws IOException {
        Path plan = planGolden();
        ObjectNode doc = (ObjectNode) JsonSchemas.JSON.readTree(plan.toFile());
        ObjectNode deploy = (ObjectNode) doc.get("changes").get(0).get("deploy");
        String asl = new String(Base64.getDecoder().decode(deploy.get("definitionBase64").asText()), StandardCharsets.UTF_8);
        deploy.put("definitionBase64", Base64.getEncoder().encodeToString(asl.replace("Pass", "Fail").getBytes(StandardCharsets.UTF_8)));
        Files.write(plan, JsonSchemas.JSON.writeValueAsBytes(doc));

        Cli.Result r = Cli.run("apply", plan.toString());
        assertEquals(ExitCode.ERROR, r.code(), r.toString());
        assertTrue(r.err().contains("the saved plan " + plan + " was changed after it was saved: the definition of scoring@v1"
                + " does not match its digest; run flowctl plan -out again."), r.toString());
        assertTrue(Files.notExists(dir.resolve(".flowctl/state.json")), "nothing was applied");
    }

    /** A planfile is data from a CI artifact: the files it names stay inside the repository. */
    @Test
    void aPlanfileNamingAFileOutsideTheRepositoryIsRefused() throws IOException {
        Path plan = planGolden();
        for (String outside : List.of("../../etc/hostname", "/etc/hostname")) {
            ObjectNode doc = (ObjectNode) JsonSchemas.JSON.readTree(plan.toFile());
            ((ObjectNode) doc.get("changes").get(0).get("deploy")).put("source", outside);
            Path tampered = dir.resolve("tampered.flowplan");
            Files.write(tampered, JsonSchemas.JSON.writeValueAsBytes(doc));

            Cli.Result r = Cli.run("apply", tampered.toString());
            assertEquals(ExitCode.ERROR, r.code(), r.toString());
            assertTrue(r.err().contains(outside.startsWith("/")
                    ? "names the absolute path /etc/hostname for scoring@v1; plans name files relative to flows.yaml"
                    : "the plan names ../../etc/hostname, which is outside the repository"), r.toString());
            assertTrue(Files.notExists(dir.resolve(".flowctl/state.json")), "nothing was applied");
        }
    }

    @Test
    void applyDeploysTheDefinitionAsPlannedAndRecordsThePlannedSchema() throws IOException {
        Path plan = planGolden();
        Cli.Result r = Cli.run("apply", plan.toString(), "--no-color");
        assertEquals(ExitCode.OK, r.code(), r.toString());
        JsonNode state = JsonSchemas.JSON.readTree(dir.resolve(".flowctl/state.json").toFile());
        JsonNode v1 = state.get("versions").get("scoring@v1");
        assertEquals(List.of("fleet_id", "mode", "months"), v1.get("schema").findValues("name").stream().map(JsonNode::asText).toList(),
                v1.toString());
        assertEquals("fast", v1.get("schema").get(1).get("default").asText(), v1.toString());
        JsonNode deployed = JsonSchemas.JSON.readTree(dir.resolve(".flowctl/engine/demo/scoring/v1.json").toFile());
        assertEquals(v1.get("schema"), deployed.get("inputs"), "the engine got the schema the plan carried");
    }

    @Test
    void everyPartOfAPlanReadsBackEqualWithTheTypesFlowsYamlGives() {
        Settings settings = new Settings(Map.of("type", "command", "timeout", 60L, "publish", true,
                "tags", Map.of("team", "risk"), "args", List.of("--fast", 3L)));
        byte[] definition = "{\"StartAt\": \"A\"}".getBytes(StandardCharsets.UTF_8);
        VersionDigest digest = new VersionDigest("sha256:" + "a".repeat(64), ContentHasher.hash(definition),
                DesiredState.settingsHash(settings));
        PlannedDeployment deploy = new PlannedDeployment("flows/a", "a.asl.json", definition,
                CanonicalJson.parse("[{\"name\":\"x\",\"type\":{\"kind\":\"float\"},\"default\":1.5}]"), settings);
        Plan plan = new Plan(Plan.FORMAT_VERSION, "p", "prod", "lineage-1", 7, List.of(
                new PlannedChange(FlowVersionAddress.parse("a@v1"), Action.UPDATE,
                        Set.of(ActionReason.SCHEMA_CHANGED, ActionReason.SOURCE_CHANGED),
                        List.of(new Finding("x", "INPUT_DEFAULT_CHANGED", Severity.WARNING, "1", "1.5", "default changed")),
                        List.of(), digest, deploy),
                new PlannedChange(FlowVersionAddress.parse("b@v2"), Action.DELETE, Set.of(ActionReason.REMOVED_FROM_SPEC), List.of(),
                        List.of(new CompatibilityViolation("b@v2", "RULE", "message", "fix")), null)));
        SavedPlan saved = new SavedPlan(PlanFileFormat.VERSION, PlanFileFormat.KIND, "1.2.3", Instant.parse("2026-03-14T09:30:00Z"),
                "flows.yaml", "sha256:" + "b".repeat(64), plan);

        SavedPlan read = PlanFileReader.read(tree(PlanFileFormat.write(saved)));
        assertEquals(saved, read);
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JsonSchemas.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Plans the golden project, copied into the temporary directory, and returns the saved plan. */
    private Path planGolden() {
        copy(resource("planfile/format2/project"), dir);
        Path plan = dir.resolve("plan.flowplan");
        Cli.Result r = Cli.run("plan", "-f", dir.resolve("flows.yaml").toString(), "-out", plan.toString());
        assertEquals(ExitCode.OK, r.code(), r.toString());
        return plan;
    }

    /** The parts that vary from run to run: the tool's version, the time and the temporary directory. */
    private String normalised(String planfile) {
        return planfile.replaceAll("\"toolVersion\" : \"[^\"]*\"", "\"toolVersion\" : \"VERSION\"")
                .replaceAll("\"createdAt\" : \"[^\"]*\"", "\"createdAt\" : \"TIME\"")
                .replace(dir.toString(), "DIR");
    }

    static Path resource(String name) {
        try {
            return Path.of(PlanFileFormatTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
