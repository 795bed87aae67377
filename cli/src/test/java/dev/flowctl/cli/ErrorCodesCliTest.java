package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.state.LockInfo;
import dev.flowctl.state.local.LocalStateBackend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real errors, as a user meets them, end in the code docs/troubleshooting.md lists. */
class ErrorCodesCliTest {
    @TempDir
    Path dir;

    @Test
    void anInvalidFlowsYamlEndsWithTheSpecCode() {
        Path f = Cli.write(dir.resolve("flows.yaml"), "project: demo\nflows: [\n");
        Cli.Result r = Cli.run("validate", "-f", f.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().startsWith(f + ":"), r.err());
        assertTrue(r.err().endsWith("1 problem found; flows.yaml is not valid. [FLOWCTL-E0101]\n"), r.err());
    }

    @Test
    void eachFlowsYamlProblemCarriesTheCodeOfItsKind() {
        Path f = Cli.write(dir.resolve("flows.yaml"), "project: demo\nprojct: x\nflows:\n  Scoring:\n    source: missing.py\n    versions: { v1: {} }\n");
        Cli.Result r = Cli.run("validate", "-f", f.toString());
        assertEquals(1, r.code(), r.toString());
        List<String> lines = r.err().lines().toList();
        assertEquals(f + ":2:1: unknown key 'projct' in the top level. Did you mean 'project'? [FLOWCTL-E0108]", lines.get(0));
        assertTrue(lines.get(1).startsWith(f + ":4:3: invalid flow name 'Scoring': ") && lines.get(1).endsWith(" [FLOWCTL-E0111]"), r.err());
        assertTrue(lines.get(2).startsWith(f + ":5:13: source 'missing.py' does not exist") && lines.get(2).endsWith(" [FLOWCTL-E0119]"), r.err());
        assertEquals("3 problems found; flows.yaml is not valid. [FLOWCTL-E0101]", lines.get(3));
    }

    @Test
    void eachFlowsYamlProblemHasItsCodeInJsonGithubAndGitlab() throws Exception {
        Path f = Cli.write(dir.resolve("flows.yaml"), "project: demo\nprojct: x\nflows: {}\n");
        Cli.Result json = Cli.run("plan", "--format", "json", "-f", f.toString());
        JsonNode problem = new ObjectMapper().readTree(json.out()).get("problems").get(0);
        assertEquals("FLOWCTL-E0108", problem.get("code").asText(), json.out());
        assertEquals("FLOWCTL-E0101", new ObjectMapper().readTree(json.err()).get("error").get("code").asText(), json.err());
        Cli.Result github = Cli.run("plan", "--format", "github", "-f", f.toString());
        assertTrue(github.out().startsWith("::error file=flows.yaml,line=2,col=1,title=Invalid flows.yaml [FLOWCTL-E0108]::unknown key 'projct'"),
                github.out());
        Cli.Result gitlab = Cli.run("plan", "--format", "gitlab", "-f", f.toString());
        assertEquals("FLOWCTL-E0108", new ObjectMapper().readTree(gitlab.out()).get(0).get("check_name").asText(), gitlab.out());
    }

    @Test
    void anIncompleteApplyEndsWithItsCodeAndEachFailedVersionWithItsErrorsCode() {
        CommandEngineRepo repo = new CommandEngineRepo(dir, 1, 2, "");
        Cli.write(repo.registry.resolve("fail-flowaa"), "");
        Cli.Result r = Cli.run("apply", "-f", repo.spec.toString(), "--auto-approve");
        assertEquals(1, r.code(), r.toString());
        List<String> lines = r.err().lines().toList();
        int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("Apply incomplete: ")).findFirst().orElseThrow(() -> new AssertionError(r)));
        assertTrue(lines.get(at).endsWith("fix the cause and run apply again. [FLOWCTL-E0409]"), r.err());
        assertTrue(lines.get(at + 1).startsWith("  flowaa@v1: command engine: deploy of flowaa@v1 failed with exit code 3"), r.err());
        assertTrue(lines.get(at + 1).endsWith(" [FLOWCTL-E0300]"), r.err());
        assertTrue(lines.get(at + 2).startsWith("  flowaa@v2: ") && lines.get(at + 2).endsWith(" [FLOWCTL-E0300]"), r.err());
    }

    @Test
    void eachDriftEntryCarriesTheCodeOfItsKind() throws Exception {
        Cli.write(dir.resolve("flows/fleet_features.py"), "print('features')\n");
        Cli.write(dir.resolve("flows/claims/flow.py"), "print('claims')\n");
        Path spec = Cli.write(dir.resolve("flows.yaml"), EndToEndTest.SPEC);
        assertEquals(0, Cli.run("apply", "-f", spec.toString(), "--auto-approve").code());
        java.nio.file.Files.delete(dir.resolve(".flowctl/engine/risk/claims_triage/v1.json"));
        Cli.Result text = Cli.run("drift", "-f", spec.toString());
        assertTrue(text.out().contains("- claims_triage@v1  missing: in state but not live in the engine [FLOWCTL-E0701]\n"), text.toString());
        Cli.Result json = Cli.run("drift", "-f", spec.toString(), "--format", "json");
        assertEquals("FLOWCTL-E0701", new ObjectMapper().readTree(json.out()).at("/drift/0/code").asText(), json.out());
        Cli.Result gitlab = Cli.run("drift", "-f", spec.toString(), "--format", "gitlab");
        assertEquals("FLOWCTL-E0701", new ObjectMapper().readTree(gitlab.out()).get(0).get("check_name").asText(), gitlab.out());
    }

    @Test
    void aMissingFlowsYamlHasItsOwnCode() {
        Cli.Result r = Cli.run("plan", "-f", dir.resolve("nowhere/flows.yaml").toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().strip().endsWith("[FLOWCTL-E0102]"), r.err());
    }

    @Test
    void aLockedStateKeepsItsSentenceAndAddsTheCode() {
        Project p = new Project(dir);
        LockInfo held = LockInfo.forThisProcess("apply", "0.0.1");
        new LocalStateBackend(dir.resolve(".flowctl/state.json")).lock(held);
        Cli.Result r = Cli.run("apply", "--auto-approve", "-f", p.flows.toString());
        assertEquals(1, r.code(), r.toString());
        assertEquals("Error: state is locked by " + held.who() + " since " + held.created() + " (operation apply, lock ID " + held.id()
                + "); if that run is dead, run: flowctl force-unlock " + held.id() + " [FLOWCTL-E0201]\n", r.err());
    }

    @Test
    void withFormatJsonTheErrorIsAJsonObjectWithTheCode() throws Exception {
        Project p = new Project(dir);
        Cli.Result r = Cli.run("plan", "--format", "json", "-e", "nosuch", "-f", p.flows.toString());
        assertEquals(1, r.code(), r.toString());
        assertEquals("", r.out());
        JsonNode error = new ObjectMapper().readTree(r.err()).get("error");
        assertEquals("FLOWCTL-E0105", error.get("code").asText());
        assertEquals("UNKNOWN_ENVIRONMENT", error.get("name").asText());
        assertTrue(error.get("message").asText().startsWith("unknown environment 'nosuch'; "), r.err());
    }

    @Test
    void runningAFlowThatIsNotDeployedSaysSoWithItsCode() {
        Project p = new Project(dir);
        Cli.Result r = Cli.run("run", "nosuch@v1", "--input", "{}", "-f", p.flows.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().startsWith("Error: "), r.err());
        assertTrue(r.err().endsWith(" [FLOWCTL-E0602]\n"), r.err());
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Project p = new Project(dir);
        Cli.Result r = Cli.run("plan", "--format", "html", "-f", p.flows.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().lines().findFirst().orElseThrow().matches("Error: --format is 'html'; 'flowctl plan' writes .* \\[FLOWCTL-E0901]"), r.err());
    }
}
