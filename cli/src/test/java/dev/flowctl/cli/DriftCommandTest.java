package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** flowctl drift against the local engine, after changing the engine behind flowctl's back. */
class DriftCommandTest {
    @TempDir
    Path dir;
    private Path spec;
    private Path engine;

    @BeforeEach
    void applied() {
        Cli.write(dir.resolve("flows/fleet_features.py"), "print('features')\n");
        Cli.write(dir.resolve("flows/claims/flow.py"), "print('claims')\n");
        spec = Cli.write(dir.resolve("flows.yaml"), EndToEndTest.SPEC);
        engine = dir.resolve(".flowctl/engine/risk");
        Cli.Result apply = Cli.run("apply", "-f", spec.toString(), "--auto-approve");
        assertEquals(ExitCode.OK, apply.code(), apply::toString);
    }

    private void driftBehindFlowctlsBack() throws Exception {
        Files.delete(engine.resolve("claims_triage/v1.json"));
        Path f = engine.resolve("fleet_features/v1.json");
        Files.writeString(f, Files.readString(f).replaceFirst("\"sourceHash\" : \"sha256:[0-9a-f]+\"", "\"sourceHash\" : \"sha256:beef\""));
        Files.writeString(engine.resolve("claims_triage/v9.json"), Files.readString(engine.resolve("claims_triage/v2.json"))
                .replace("\"version\" : \"v2\"", "\"version\" : \"v9\""));
    }

    @Test
    void noDriftRightAfterApply() {
        Cli.Result r = Cli.run("drift", "-f", spec.toString());
        assertEquals(ExitCode.OK, r.code(), r::toString);
        assertTrue(r.out().contains("No drift: the engine matches state for all 3 managed flow versions."), r::toString);
    }

    @Test
    void textNamesMissingModifiedWithWhatDiffersAndUnmanaged() throws Exception {
        driftBehindFlowctlsBack();
        Cli.Result r = Cli.run("drift", "-f", spec.toString());
        assertEquals(ExitCode.CHANGES, r.code(), r::toString);
        assertTrue(r.out().contains("- claims_triage@v1  missing: in state but not live in the engine"), r::toString);
        assertTrue(r.out().contains("~ fleet_features@v1  modified"), r::toString);
        assertTrue(r.out().matches("(?s).*source: applied sha256:[0-9a-f]{64}, live sha256:beef.*"), r::toString);
        assertTrue(r.out().contains("? claims_triage@v9  unmanaged"), r::toString);
        assertTrue(r.out().contains("flowctl import claims_triage@v9 risk/claims_triage/v9.json"), r::toString);
        assertTrue(r.out().contains("Drift found: 1 missing, 1 modified, 1 unmanaged."), r::toString);
    }

    @Test
    void jsonAndMarkdownCarryTheSameReport() throws Exception {
        driftBehindFlowctlsBack();
        Cli.write(spec, EndToEndTest.SPEC + "      v3:\n        inputs:\n          claim_ids: { type: list<string>, required: true }\n");
        Cli.Result json = Cli.run("drift", "-f", spec.toString(), "--format", "json");
        assertEquals(ExitCode.CHANGES, json.code(), json::toString);
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertEquals(1, doc.path("summary").path("missing").asInt());
        assertEquals(1, doc.path("summary").path("modified").asInt());
        assertEquals(1, doc.path("summary").path("unmanaged").asInt());
        JsonNode modified = doc.path("drift").get(2);
        assertEquals("fleet_features@v1", modified.path("address").asText(), doc.toPrettyString());
        assertEquals("source", modified.path("differences").get(0).path("what").asText());
        assertEquals("sha256:beef", modified.path("differences").get(0).path("live").asText());
        assertEquals("flows.yaml", modified.at("/position/file").asText(), "the file is relative to the repository root");
        assertEquals(6, modified.at("/position/line").asInt());
        assertEquals("claims_triage@v3", doc.path("unapplied").get(0).path("address").asText(), doc.toPrettyString());
        assertEquals("CREATE", doc.path("unapplied").get(0).path("action").asText());

        Cli.Result md = Cli.run("drift", "-f", spec.toString(), "--format", "markdown");
        assertEquals(ExitCode.CHANGES, md.code(), md::toString);
        assertTrue(md.out().contains("**Drift found:** 1 missing, 1 modified, 1 unmanaged"), md::toString);
        assertTrue(md.out().contains("| `fleet_features@v1` at `flows.yaml:6:7` | modified `FLOWCTL-E0702` | source: applied `sha256:"), md::toString);
        assertTrue(md.out().contains("- `claims_triage@v3` create (new version)"), md::toString);
    }

    @Test
    void unknownFormatAndUnlistableEngineAreErrors() {
        Cli.Result bad = Cli.run("drift", "-f", spec.toString(), "--format", "yaml");
        assertEquals(ExitCode.ERROR, bad.code(), bad::toString);
        assertTrue(bad.err().contains("--format is 'yaml'; 'flowctl drift' writes text, markdown, json, github or gitlab."), bad::toString);

        Cli.write(spec, EndToEndTest.SPEC.replace("project: risk\n", "project: risk\nengine: { type: command, deploy: 'true' }\n"));
        Cli.Result noList = Cli.run("drift", "-f", spec.toString());
        assertEquals(ExitCode.ERROR, noList.code(), noList::toString);
        assertTrue(noList.err().contains("the command engine has no 'list' command"), noList::toString);
    }
}
