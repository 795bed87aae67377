package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedPlanTest {
    @TempDir
    Path dir;

    @Test
    void applyingASavedPlanDeploysExactlyItWithoutAsking() {
        Project p = new Project(dir);
        Path plan = dir.resolve("out/plan.flowplan");
        Cli.Result planned = p.run("plan", "-out", plan.toString(), "--detailed-exitcode");
        assertEquals(ExitCode.CHANGES, planned.code(), planned.toString());
        assertTrue(Files.isRegularFile(plan));

        Cli.Result applied = Cli.run("apply", plan.toString(), "--no-color");
        assertEquals(ExitCode.OK, applied.code(), applied.toString());
        assertTrue(applied.out().contains("Apply complete! Flow versions: 1 created"), applied.toString());
        assertEquals(ExitCode.OK, p.run("plan", "--detailed-exitcode").code(), "nothing left to do after the saved plan");
    }

    @Test
    void aPlanGoesStaleWhenSomeoneAppliesFirst() {
        Project p = new Project(dir);
        assertEquals(ExitCode.OK, p.run("apply", "--auto-approve").code());
        p.addOptionalInputAndV2();
        Path plan = dir.resolve("plan.flowplan");
        p.run("plan", "--out", plan.toString());
        p.editSource();
        assertEquals(ExitCode.OK, p.run("apply", "--auto-approve").code());

        Cli.Result stale = Cli.run("apply", plan.toString());
        assertEquals(ExitCode.ERROR, stale.code(), stale.toString());
        // How many serials the other apply added depends on how its state writes coalesced; any later serial is stale.
        assertTrue(stale.err().matches("(?s).*state changed since this plan was made: serial 1 → [2-3]; run plan again.*"),
                stale.toString());
    }

    @Test
    void aChangedFlowsYamlOrFlowFileMakesThePlanStale() {
        Project p = new Project(dir);
        Path plan = dir.resolve("plan.flowplan");
        p.run("plan", "-out", plan.toString());
        p.addOptionalInputAndV2();
        Cli.Result specChanged = Cli.run("apply", plan.toString());
        assertEquals(ExitCode.ERROR, specChanged.code(), specChanged.toString());
        assertTrue(specChanged.err().contains("flows.yaml changed since " + plan + " was made; run plan again."), specChanged.toString());

        p.run("plan", "-out", plan.toString());
        p.editSource();
        Cli.Result sourceChanged = Cli.run("apply", plan.toString());
        assertEquals(ExitCode.ERROR, sourceChanged.code(), sourceChanged.toString());
        assertTrue(sourceChanged.err().contains("the source flows/scoring.py of scoring@v1, scoring@v2 changed since the plan was made;"
                + " nothing was applied; run plan again."), sourceChanged.toString());
        assertTrue(Files.notExists(dir.resolve(".flowctl/state.json")), "nothing was applied");
    }

    @Test
    void aPlanForAnotherEnvironmentOrStateIsRefused() {
        Project p = new Project(dir);
        Cli.write(p.flows, Project.V1 + "environments:\n  dev: {}\n  prod: {}\n");
        Path plan = dir.resolve("dev.flowplan");
        p.run("plan", "-e", "dev", "-out", plan.toString());
        Cli.Result otherEnv = Cli.run("apply", plan.toString(), "-e", "prod");
        assertEquals(ExitCode.ERROR, otherEnv.code(), otherEnv.toString());
        assertTrue(otherEnv.err().contains("was made for environment 'dev', not environment 'prod'"), otherEnv.toString());

        assertEquals(ExitCode.OK, p.run("apply", "-e", "dev", "--auto-approve").code());
        assertEquals(ExitCode.OK, p.run("apply", "-e", "prod", "--auto-approve").code());
        Cli.write(p.flows, Project.V1.replace("default: 24", "default: 12") + "environments:\n  dev: {}\n  prod: {}\n");
        p.run("plan", "-e", "dev", "-out", plan.toString());
        Path prodState = dir.resolve(".flowctl/env/prod/state.json");
        Cli.Result otherLineage = Cli.run("apply", plan.toString(), "--state", prodState.toString());
        assertEquals(ExitCode.ERROR, otherLineage.code(), otherLineage.toString());
        assertEquals("Error: state at " + prodState + " belongs to environment 'prod', not environment 'dev'; point state "
                + "(or --state) at this environment's own state. [FLOWCTL-E0206]\n", otherLineage.err());
    }

    @Test
    void aPlanForAnotherProjectIsRefused() {
        Project p = new Project(dir);
        Path plan = dir.resolve("plan.flowplan");
        p.run("plan", "-out", plan.toString());
        Path other = Cli.write(dir.resolve("other.yaml"), Project.V1.replace("project: demo", "project: billing"));
        Cli.Result r = Cli.run("apply", plan.toString(), "-f", other.toString());
        assertEquals(ExitCode.ERROR, r.code(), r.toString());
        assertTrue(r.err().contains("was made for project 'demo', but " + other + " declares project 'billing'"), r.toString());
    }

    @Test
    void showRendersASavedPlanInEveryFormat() {
        Project p = new Project(dir);
        Path plan = dir.resolve("plan.flowplan");
        p.run("plan", "-out", plan.toString());
        Cli.Result text = Cli.run("show", plan.toString(), "--no-color");
        assertEquals(ExitCode.OK, text.code(), text.toString());
        assertTrue(text.out().contains("+ scoring@v1") && text.out().contains("Plan: 1 to create, 0 to update, 0 to delete."), text.out());
        assertTrue(Cli.run("show", plan.toString(), "--format", "markdown").out().startsWith("<!-- flowctl-plan: default -->"));
        assertTrue(Cli.run("show", plan.toString(), "--format=JSON").out().contains("\"formatVersion\" : 1"));
    }

    /** 'apply flows.yaml' used to advise 'plan -out flows.yaml', which replaced the spec with plan JSON. */
    @Test
    void applyOfTheSpecAdvisesApplyFAndPlanOutNeverOverwritesIt() throws Exception {
        Project p = new Project(dir);
        Cli.Result applySpec = Cli.run("apply", p.file());
        assertEquals(ExitCode.ERROR, applySpec.code(), applySpec.toString());
        assertTrue(applySpec.err().contains("run 'flowctl apply -f " + p.file() + "'"), applySpec.toString());

        Path sameFileOtherSpelling = dir.resolve("flows/../flows.yaml");
        Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), p.flows);
        for (Path target : java.util.List.of(p.flows, sameFileOtherSpelling, link)) {
            Cli.Result r = p.run("plan", "-out", target.toString());
            assertEquals(ExitCode.ERROR, r.code(), r.toString());
            assertEquals("Error: refusing to write the plan to " + target + ": it is the spec the plan is made from;"
                    + " name another file, e.g. -out plan.flowplan. [FLOWCTL-E0407]\n", r.err());
        }
        assertEquals(Project.V1, Files.readString(p.flows), "the spec is untouched");

        Path notes = Cli.write(dir.resolve("notes.txt"), "keep me\n");
        Cli.Result overNotes = p.run("plan", "-out", notes.toString());
        assertEquals(ExitCode.ERROR, overNotes.code(), overNotes.toString());
        assertEquals("Error: refusing to write the plan to " + notes + ": it exists and is not a saved flowctl plan;"
                + " name another file, e.g. -out plan.flowplan, or remove it first. [FLOWCTL-E0407]\n", overNotes.err());
        assertEquals("keep me\n", Files.readString(notes));

        Path plan = dir.resolve("plan.flowplan");
        assertEquals(ExitCode.OK, p.run("plan", "-out", plan.toString()).code());
        p.addOptionalInputAndV2();
        assertEquals(ExitCode.OK, p.run("plan", "-out", plan.toString()).code(), "an earlier saved plan is replaced");
        assertTrue(Cli.run("show", plan.toString(), "--no-color").out().contains("+ scoring@v2"));
    }

    /** A CI step gating on show sees what the plan command that saved it saw. */
    @Test
    void showExitsAsPlanDid() {
        Project p = new Project(dir);
        Path plan = dir.resolve("plan.flowplan");
        p.run("plan", "-out", plan.toString());
        assertEquals(ExitCode.OK, Cli.run("show", plan.toString()).code());
        assertEquals(ExitCode.CHANGES, Cli.run("show", plan.toString(), "--detailed-exitcode").code());

        assertEquals(ExitCode.OK, p.run("apply", "--auto-approve").code());
        p.run("plan", "-out", plan.toString());
        assertEquals(ExitCode.OK, Cli.run("show", plan.toString(), "--detailed-exitcode").code(), "no changes");

        p.addRequiredInput();
        assertEquals(ExitCode.BLOCKED, p.run("plan", "-out", plan.toString()).code());
        Cli.Result blocked = Cli.run("show", plan.toString(), "--no-color");
        assertEquals(ExitCode.BLOCKED, blocked.code(), blocked.toString());
        assertEquals(ExitCode.BLOCKED, Cli.run("show", plan.toString(), "--format", "json").code());
    }

    @Test
    void aFileThatIsNotAPlanIsRefusedWithWhatToDo() {
        Project p = new Project(dir);
        Cli.Result notAPlan = Cli.run("show", p.file());
        assertEquals(ExitCode.ERROR, notAPlan.code());
        assertEquals("Error: " + p.file() + " is not a saved plan but a spec; to apply it, run 'flowctl apply -f " + p.file() + "'. [FLOWCTL-E0406]\n",
                notAPlan.err());
        Path readme = Cli.write(dir.resolve("README.md"), "# demo\n");
        Cli.Result other = Cli.run("apply", readme.toString());
        assertEquals(ExitCode.ERROR, other.code());
        assertEquals("Error: " + readme + " is not a saved flowctl plan; save one to a new file with 'flowctl plan -out plan.flowplan',"
                + " then run 'flowctl apply plan.flowplan'. [FLOWCTL-E0406]\n", other.err());
        Cli.Result missing = Cli.run("apply", dir.resolve("nope.flowplan").toString());
        assertTrue(missing.err().contains("no saved plan at"), missing.toString());
        Cli.Result badFormat = Cli.run("show", p.file(), "--format", "html");
        assertEquals(ExitCode.ERROR, badFormat.code());
        assertTrue(badFormat.err().contains("--format is 'html'; 'flowctl show' writes text, markdown, json, github or gitlab."), badFormat.toString());
    }
}
