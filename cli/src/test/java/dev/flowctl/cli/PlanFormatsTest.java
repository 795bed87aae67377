package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFormatsTest {
    private static final JsonSchema PLAN_SCHEMA = JsonSchemas.load("docs/schemas/plan.schema.json");

    @TempDir
    Path dir;

    @Test
    void jsonOutputMatchesItsPublishedSchemaForEveryKindOfChange() {
        Project p = new Project(dir);
        assertValid(p.run("plan", "--format", "json"), "first plan: creates");
        p.run("apply", "--auto-approve");
        assertValid(p.run("plan", "--format", "json"), "no changes");
        p.addOptionalInputAndV2();
        JsonNode update = assertValid(p.run("plan", "--format", "json"), "update and create");
        assertEquals("update", update.at("/changes/0/action").asText());
        assertEquals("schema-changed", update.at("/changes/0/reasons/0").asText());
        assertEquals("INPUT_ADDED_OPTIONAL", update.at("/changes/0/inputChanges/0/rule").asText());
        assertEquals(1, update.at("/state/serial").asLong());

        new Project(dir).addRequiredInput();
        Cli.Result blockedRun = p.run("plan", "--format", "json");
        assertEquals(ExitCode.BLOCKED, blockedRun.code());
        JsonNode blocked = assertValid(blockedRun, "blocked");
        assertTrue(blocked.at("/summary/blocked").asBoolean());
        assertEquals("scoring@v1.inputs.region", blocked.at("/violations/0/path").asText());
        assertTrue(blocked.at("/violations/0/fix").asText().contains("scoring@v2"));

        Cli.write(p.flows, "project: demo\nflows: {}\n");
        JsonNode delete = assertValid(p.run("plan", "--format", "json"), "delete");
        assertEquals("delete", delete.at("/changes/0/action").asText());
        assertTrue(delete.at("/changes/0/digest").isNull());
    }

    @Test
    void theSchemaRejectsOutputThatBreaksTheContract() {
        Project p = new Project(dir);
        JsonNode doc = JsonSchemas.parse(p.run("plan", "--format", "json").out());
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc).put("formatVersion", 2);
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.at("/changes/0")).put("action", "recreate"); // no such action: replace, move and forget are real ones
        List<String> problems = JsonSchemas.problems(PLAN_SCHEMA, doc);
        assertEquals(2, problems.size(), problems.toString());
    }

    @Test
    void markdownLeadsWithTheSummaryThenViolationsWithTheirFix() {
        Project p = new Project(dir);
        p.run("apply", "--auto-approve");
        p.addRequiredInput();
        Cli.Result r = p.run("plan", "--format", "markdown");
        assertEquals(ExitCode.BLOCKED, r.code());
        String[] lines = r.out().split("\n");
        assertEquals("<!-- flowctl-plan: default -->", lines[0]);
        assertEquals("⛔ **flowctl plan** for `demo`: 0 to create, 1 to update, 0 to delete — blocked: 1 breaking change", lines[1]);
        int violations = r.out().indexOf("### Breaking changes");
        int table = r.out().indexOf("### Changes");
        assertTrue(violations > 0 && violations < table, r.out());
        assertTrue(r.out().contains("- **`scoring@v1.inputs.region`** `INPUT_ADDED_REQUIRED`"), r.out());
        assertTrue(r.out().contains("**Fix:** publish the change as a new version (e.g. scoring@v2)"), r.out());
        assertTrue(r.out().contains("| ⛔ | `scoring@v1` | update in-place | input schema changed | 1 added ⛔ |"), r.out());
        assertTrue(r.out().contains("<details><summary>scoring@v1: 1 input change</summary>"), r.out());
        assertTrue(r.out().contains("| `region` | — | `required string` | ⛔ breaking `INPUT_ADDED_REQUIRED` |"), r.out());
    }

    @Test
    void markdownWithoutChangesIsTheMarkerAndOneLine() {
        Project p = new Project(dir);
        p.run("apply", "--auto-approve");
        String out = p.run("plan", "--format", "markdown").out();
        assertEquals("<!-- flowctl-plan: default -->\n✅ **flowctl plan** for `demo`: no changes, 1 flow version up to date\n", out);
    }

    private static JsonNode assertValid(Cli.Result r, String what) {
        assertFalse(r.out().isBlank(), what + ": " + r);
        JsonNode doc = JsonSchemas.parse(r.out());
        assertEquals(List.of(), JsonSchemas.problems(PLAN_SCHEMA, doc), what + ":\n" + r.out());
        assertEquals(1, doc.get("formatVersion").asInt());
        return doc;
    }

    /** In CI the breaking change is marked on its line of flows.yaml, relative to the repository root. */
    @Test
    void githubAndGitlabFormatsMarkTheLineOfABreakingChange() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve(".git"));
        Path sub = dir.resolve("deploy");
        Project p = new Project(sub);
        p.run("apply", "--auto-approve");
        p.addRequiredInput();
        Cli.Result github = p.run("plan", "--format", "github");
        assertEquals(ExitCode.BLOCKED, github.code(), github.toString());
        assertTrue(github.out().startsWith("::error file=deploy/flows.yaml,line="), github.out());
        assertTrue(github.out().contains(",title=Breaking change INPUT_ADDED_REQUIRED in scoring@v1.inputs.region::"), github.out());

        Cli.Result gitlab = p.run("plan", "--format", "gitlab");
        JsonNode issue = JsonSchemas.parse(gitlab.out()).get(0);
        assertEquals("deploy/flows.yaml", issue.at("/location/path").asText());
        assertEquals("INPUT_ADDED_REQUIRED", issue.at("/check_name").asText());
        assertEquals(github.out().split("line=")[1].split(",")[0], issue.at("/location/lines/begin").asText());

        JsonNode json = assertValid(p.run("plan", "--format", "json"), "blocked, with positions");
        assertEquals("deploy/flows.yaml", json.at("/violations/0/position/file").asText());
    }

    /** An invalid flows.yaml is reported in the format asked for, on stdout, as well as on stderr. */
    @Test
    void validationProblemsAreAnnotatedToo() {
        Project p = new Project(dir);
        Cli.write(p.flows, "project: demo\nflows:\n  scoring:\n    source: flows/scoring.py\n    versions:\n      v1:\n"
                + "        inputs:\n          months: { type: strng }\n");
        Cli.Result r = p.run("plan", "--format", "github");
        assertEquals(ExitCode.ERROR, r.code(), r.toString());
        assertTrue(r.out().startsWith("::error file=flows.yaml,line=8,col="), r.toString());
        assertTrue(r.err().contains("flows.yaml:8:"), r.toString());
        Cli.Result valid = new Project(dir.resolve("other")).run("validate", "--format", "gitlab");
        assertEquals("[ ]\n", valid.out(), valid.toString());
        Cli.Result bad = p.run("validate", "--format", "markdown");
        assertTrue(bad.err().contains("--format is 'markdown'; 'flowctl validate' writes text, json, github or gitlab."), bad.toString());
    }
}
