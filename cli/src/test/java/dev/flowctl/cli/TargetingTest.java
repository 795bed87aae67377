package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --target and --exclude end to end on the local engine (issue 19 item 1), and the first line of plan and apply (item 7). */
class TargetingTest {
    @TempDir
    Path dir;

    private Path spec;

    static final String SPEC = """
            project: fleet
            engine: { type: local }
            flows:
              fleet_features:
                source: flows/features.py
                versions:
                  v1: { inputs: { fleet_id: { type: string, required: true } } }
                  v2: { inputs: { fleet_id: { type: string, required: true } } }
              fleet_costs:
                source: flows/costs.py
                versions:
                  v2: { inputs: { fleet_id: { type: string, required: true } } }
              claims_triage:
                source: flows/claims.py
                versions:
                  v1: { inputs: { claim_id: { type: string, required: true } } }
            """;

    @BeforeEach
    void repo() {
        Cli.write(dir.resolve("flows/features.py"), "print('features')\n");
        Cli.write(dir.resolve("flows/costs.py"), "print('costs')\n");
        Cli.write(dir.resolve("flows/claims.py"), "print('claims')\n");
        spec = Cli.write(dir.resolve("flows.yaml"), SPEC);
    }

    private Cli.Result flowctl(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-f", spec.toString(), "--no-color"));
        return Cli.run(all.toArray(String[]::new));
    }

    private boolean deployed(String flow, String version) {
        return Files.exists(dir.resolve(".flowctl/engine/fleet/" + flow + "/" + version + ".json"));
    }

    private static final String PARTIAL = "Warning: this plan is partial (";

    @Test
    void planOfOneFlowPlansOnlyItAndSaysSoAtTopAndBottom() {
        Cli.Result r = flowctl("plan", "--target", "fleet_features");
        assertEquals(ExitCode.OK, r.code(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("flowctl: project fleet, environment default, state "), r::toString);
        assertTrue(lines.get(1).startsWith(PARTIAL + "--target fleet_features): other flow versions are neither planned nor changed"), r::toString);
        assertTrue(lines.get(lines.size() - 1).startsWith(PARTIAL + "--target fleet_features)"), r::toString);
        assertTrue(r.out().contains("+ fleet_features@v1") && r.out().contains("+ fleet_features@v2"), r::toString);
        assertFalse(r.out().contains("fleet_costs") || r.out().contains("claims_triage"), r::toString);
        assertTrue(r.out().contains("Plan: 2 to create, 0 to update, 0 to delete."), r::toString);
    }

    @Test
    void applyWithTargetDeploysOnlyTheTargetAndLeavesTheRestForTheNextApply() {
        Cli.Result r = flowctl("apply", "--auto-approve", "--target", "fleet_*@v2");
        assertEquals(ExitCode.OK, r.code(), r::toString);
        assertTrue(r.out().contains("Apply complete! Flow versions: 2 created, 0 updated, 0 deleted."), r::toString);
        assertTrue(deployed("fleet_features", "v2") && deployed("fleet_costs", "v2"));
        assertFalse(deployed("fleet_features", "v1") || deployed("claims_triage", "v1"), "untargeted versions are not touched");
        Cli.Result rest = flowctl("plan");
        assertTrue(rest.out().contains("Plan: 2 to create, 0 to update, 0 to delete."), rest::toString);
        assertFalse(rest.out().contains("partial"), rest::toString);
    }

    @Test
    void excludeLeavesAFlowOutAndADeletionMatchesByItsAddressInState() {
        assertEquals(ExitCode.OK, flowctl("apply", "--auto-approve").code());
        // claims_triage leaves flows.yaml: its deletion is excluded, so it stays deployed.
        Cli.write(spec, SPEC.substring(0, SPEC.indexOf("  claims_triage:")));
        Cli.Result excluded = flowctl("apply", "--auto-approve", "--exclude", "claims_triage");
        assertEquals(ExitCode.OK, excluded.code(), excluded::toString);
        assertTrue(excluded.out().contains("No changes. The selected flow versions match the applied state"), excluded::toString);
        assertTrue(deployed("claims_triage", "v1"));
        // A version only in state is targeted by its address, like any other.
        Cli.Result targeted = flowctl("apply", "--auto-approve", "--target", "claims_triage@v1");
        assertEquals(ExitCode.OK, targeted.code(), targeted::toString);
        assertTrue(targeted.out().contains("Apply complete! Flow versions: 0 created, 0 updated, 1 deleted."), targeted::toString);
        assertFalse(deployed("claims_triage", "v1"));
    }

    @Test
    void aPatternThatMatchesNothingIsAnErrorNamingCloseNames() {
        Cli.Result r = flowctl("plan", "--target", "fleet_featurs");
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertEquals("Error: --target 'fleet_featurs' matches no flow version in flows.yaml (state is empty) (did you mean fleet_features?);"
                + " check the spelling: flow or flow@version, with * and ? within a name. [FLOWCTL-E0904]", r.err().strip(), r::toString);
        Cli.Result apply = flowctl("apply", "--auto-approve", "--exclude", "claims*@v3");
        assertEquals(ExitCode.ERROR, apply.code(), apply::toString);
        assertTrue(apply.err().contains("--exclude 'claims*@v3' matches no flow version"), apply::toString);
        assertFalse(Files.exists(dir.resolve(".flowctl/engine/fleet")), "nothing was deployed");
    }

    @Test
    void aSavedPartialPlanStaysPartialOnApply() throws Exception {
        Path saved = dir.resolve("plan.flowplan");
        Cli.Result plan = flowctl("plan", "--target", "claims_triage", "-out", saved.toString());
        assertEquals(ExitCode.OK, plan.code(), plan::toString);
        JsonNode file = JsonSchemas.JSON.readTree(saved.toFile());
        assertEquals("claims_triage", file.path("targets").path("include").get(0).asText());
        assertEquals(List.of(), JsonSchemas.problems(JsonSchemas.load("docs/planfile.schema.json"), file));

        Cli.Result withTarget = Cli.run("apply", saved.toString(), "--target", "fleet_features");
        assertEquals(ExitCode.ERROR, withTarget.code(), withTarget::toString);

        Cli.Result apply = Cli.run("apply", saved.toString(), "--no-color");
        assertEquals(ExitCode.OK, apply.code(), apply::toString);
        assertTrue(apply.out().contains("Applying the saved partial plan " + saved + ": only the versions selected by --target claims_triage are changed."),
                apply::toString);
        assertTrue(apply.out().contains(PARTIAL + "--target claims_triage)"), apply::toString);
        assertTrue(deployed("claims_triage", "v1"));
        assertFalse(deployed("fleet_features", "v1") || deployed("fleet_costs", "v2"));
    }

    @Test
    void jsonAndMarkdownSayThePlanIsPartialAndKeepTheFirstLineOffStdout() throws Exception {
        Cli.Result json = flowctl("plan", "--format", "json", "--target", "fleet_costs");
        assertEquals(ExitCode.OK, json.code(), json::toString);
        JsonNode doc = JsonSchemas.JSON.readTree(json.out());
        assertTrue(doc.path("targets").path("partial").asBoolean(), json::toString);
        assertEquals("fleet_costs", doc.path("targets").path("include").get(0).asText());
        assertTrue(json.err().startsWith("flowctl: project fleet, environment default, state "), json::toString);
        assertEquals(List.of(), JsonSchemas.problems(JsonSchemas.load("docs/schemas/plan.schema.json"), doc));

        Cli.Result md = flowctl("plan", "--format", "markdown", "--exclude", "fleet_costs");
        assertTrue(md.out().contains("> [!WARNING]\n> **Partial plan** (`--exclude fleet_costs`)"), md::toString);
    }

    @Test
    void driftWithTargetComparesOnlyTheTarget() throws Exception {
        assertEquals(ExitCode.OK, flowctl("apply", "--auto-approve").code());
        Files.delete(dir.resolve(".flowctl/engine/fleet/claims_triage/v1.json"));
        Cli.Result all = flowctl("drift");
        assertEquals(ExitCode.CHANGES, all.code(), all::toString);
        Cli.Result other = flowctl("drift", "--target", "fleet_*");
        assertEquals(ExitCode.OK, other.code(), other::toString);
        assertTrue(other.err().contains("Warning: partial drift report: only the versions selected by --target fleet_* are compared."), other::toString);
        Cli.Result claims = flowctl("drift", "--target", "claims_triage");
        assertEquals(ExitCode.CHANGES, claims.code(), claims::toString);
        assertTrue(claims.out().contains("claims_triage@v1"), claims::toString);
        assertEquals(ExitCode.ERROR, flowctl("drift", "--target", "nope").code());
    }

    @Test
    void codegenWithTargetWritesAndChecksOnlyTheTarget() {
        Cli.Result r = flowctl("codegen", "--lang", "proto", "--target", "fleet_costs");
        assertEquals(ExitCode.OK, r.code(), r::toString);
        assertTrue(r.out().contains("Partial codegen (--target fleet_costs): only the contracts of 1 of 4 flow versions"), r::toString);
        assertTrue(Files.exists(dir.resolve("generated/proto/fleet/flows/fleet_costs/v2/fleet_costs.proto"))
                || r.out().contains("1 flow version"), r::toString);
        Path proto = dir.resolve("generated/proto");
        assertEquals(List.of("fleet_costs"), protoFlows(proto), "only the targeted flow was generated");
        Cli.Result checkTarget = flowctl("codegen", "--lang", "proto", "--check", "--target", "fleet_costs");
        assertEquals(ExitCode.OK, checkTarget.code(), checkTarget::toString);
        Cli.Result checkAll = flowctl("codegen", "--lang", "proto", "--check");
        assertEquals(ExitCode.CHANGES, checkAll.code(), checkAll::toString);
        assertEquals(ExitCode.OK, flowctl("codegen", "--lang", "proto").code());
        Cli.Result again = flowctl("codegen", "--lang", "proto", "--exclude", "fleet_costs");
        assertEquals(ExitCode.OK, again.code(), again::toString);
        assertEquals(List.of("claims_triage", "fleet_costs", "fleet_features"), protoFlows(proto), "a partial run removes nothing");
    }

    private static List<String> protoFlows(Path proto) {
        try (var walk = Files.walk(proto)) {
            return walk.filter(p -> p.toString().endsWith(".proto")).map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("run.proto") && !n.equals("runs.proto"))
                    .map(n -> n.substring(0, n.length() - ".proto".length())).distinct().sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void planAndApplyStartWithOneLineNamingProjectEnvironmentStateAndEngine() {
        String state = dir.resolve(".flowctl/state.json").toString();
        Cli.Result plan = flowctl("plan");
        assertEquals("flowctl: project fleet, environment default, state " + state + " (new), engine local", plan.out().lines().findFirst().orElse(""), plan::toString);
        Cli.Result apply = flowctl("apply", "--auto-approve");
        assertEquals("flowctl: project fleet, environment default, state " + state + " (new), engine local", apply.out().lines().findFirst().orElse(""), apply::toString);
        Cli.Result again = flowctl("plan");
        assertEquals("flowctl: project fleet, environment default, state " + state + ", engine local", again.out().lines().findFirst().orElse(""), again::toString);
    }
}
