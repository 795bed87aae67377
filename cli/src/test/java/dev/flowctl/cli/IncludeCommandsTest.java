package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spec split across team files with include:, as plan, apply, validate and codegen see it. */
class IncludeCommandsTest {
    @TempDir
    Path dir;

    private Path root;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(dir.resolve(".git"));
        root = Cli.write(dir.resolve("flows.yaml"), """
                project: demo
                engine: { type: local }
                include: ['teams/*/flows.yaml']
                """);
        team("pricing", "scoring");
        team("fleet", "features");
    }

    private Path team(String team, String flow) {
        Cli.write(dir.resolve("teams/" + team + "/flows/" + flow + ".py"), "print('" + flow + "')\n");
        return Cli.write(dir.resolve("teams/" + team + "/flows.yaml"), """
                flows:
                  %s:
                    source: flows/%s.py
                    versions:
                      v1:
                        inputs:
                          fleet_id: { type: string, required: true }
                """.formatted(flow, flow));
    }

    private Cli.Result run(String... args) {
        String[] all = new String[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-f";
        all[args.length + 1] = root.toString();
        all[args.length + 2] = "--no-color";
        return Cli.run(all);
    }

    @Test
    void planAndApplyDeployTheFlowsOfEveryTeamFileGroupedByOwner() {
        Cli.Result plan = run("plan", "--detailed-exitcode");
        assertEquals(ExitCode.CHANGES, plan.code(), plan.toString());
        String out = plan.out();
        int fleet = out.indexOf("Owner teams/fleet (1 change):");
        int pricing = out.indexOf("Owner teams/pricing (1 change):");
        assertTrue(fleet >= 0 && pricing > fleet, out);
        assertTrue(out.indexOf("+ features@v1") > fleet && out.indexOf("+ scoring@v1") > pricing, out);

        Cli.Result md = run("plan", "--format", "markdown");
        assertTrue(md.out().contains("#### teams/fleet\n") && md.out().contains("#### teams/pricing\n"), md.out());

        Cli.Result apply = run("apply", "--auto-approve");
        assertEquals(ExitCode.OK, apply.code(), apply.toString());
        assertTrue(apply.out().contains("2 created"), apply.toString());
        assertEquals(ExitCode.OK, run("plan", "--detailed-exitcode").code(), "nothing left to do");
    }

    @Test
    void aSavedPlanShowsGroupedByOwnerAsItWasPlanned() {
        Path plan = dir.resolve("plan.flowplan");
        Cli.Result planned = run("plan", "-out", plan.toString());
        Cli.Result shown = Cli.run("show", plan.toString(), "--no-color");
        assertEquals(ExitCode.OK, shown.code(), shown.toString());
        assertTrue(shown.out().contains("Owner teams/fleet (1 change):"), shown.toString());
        // All but plan's first line, which names where it ran (project, environment, state, engine).
        assertTrue(planned.out().startsWith("flowctl: project demo, "), planned.toString());
        assertEquals(planned.out().substring(planned.out().indexOf('\n') + 1), shown.out());
    }

    @Test
    void anErrorInATeamFilePrintsThatFilesPathLineAndColumn() {
        Cli.write(dir.resolve("teams/fleet/flows.yaml"), "state: { backend: local }\nflows: {}\n");
        Cli.Result r = run("validate");
        assertEquals(ExitCode.ERROR, r.code(), r.toString());
        Path team = root.resolveSibling("teams/fleet/flows.yaml");
        assertTrue(r.err().contains(team + ":1:1: 'state' may only be set in the root flows.yaml"), r.toString());
        assertTrue(r.err().contains("[FLOWCTL-E0123]"), r.toString());
    }

    @Test
    void aSavedPlanGoesStaleWhenATeamFileChanges() {
        Path plan = dir.resolve("plan.flowplan");
        assertEquals(ExitCode.OK, run("plan", "-out", plan.toString()).code());
        Cli.write(dir.resolve("teams/fleet/flows.yaml"), Cli.read(dir.resolve("teams/fleet/flows.yaml"))
                .replace("required: true }", "required: true }\n          months: { type: int, default: 24 }"));
        Cli.Result stale = Cli.run("apply", plan.toString());
        assertEquals(ExitCode.ERROR, stale.code(), stale.toString());
        assertTrue(stale.err().contains(root + " or a file it includes changed since " + plan + " was made; run plan again."), stale.toString());
        assertTrue(Files.notExists(dir.resolve(".flowctl/state.json")), "nothing was applied");
    }

    @Test
    void codegenRegeneratesWhenOnlyATeamFileChanges() {
        assertEquals(ExitCode.OK, run("codegen").code());
        assertEquals(ExitCode.OK, run("codegen", "--check").code());
        Cli.write(dir.resolve("teams/fleet/flows.yaml"), Cli.read(dir.resolve("teams/fleet/flows.yaml"))
                .replace("required: true }", "required: true }\n          months: { type: int, default: 24 }"));
        Cli.Result check = run("codegen", "--check");
        assertEquals(ExitCode.CHANGES, check.code(), check.toString());
        Cli.Result again = run("codegen");
        assertEquals(ExitCode.OK, again.code(), again.toString());
        // The root text did not change: only a digest covering the team's file sees that contracts are out of date.
        assertTrue(!again.out().contains(" 0 written"), again.toString());
    }

    @Test
    void theSchemaAcceptsATeamFileAndRefusesARootKeyInIt() throws IOException {
        JsonSchema schema = JsonSchemas.load("flows.schema.json");
        YAMLMapper yaml = new YAMLMapper();
        assertEquals(java.util.List.of(), JsonSchemas.problems(schema, yaml.readTree(dir.resolve("teams/fleet/flows.yaml").toFile())));
        assertEquals(java.util.List.of(), JsonSchemas.problems(schema, yaml.readTree(root.toFile())));
        assertTrue(!JsonSchemas.problems(schema, yaml.readTree("engine: { type: local }\nflows: {}\n")).isEmpty());
    }
}
