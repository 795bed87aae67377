package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preview environments on the local engine: {@code -e pr-N} made from a template gets its own state
 * and engine directory, {@code destroy} leaves nothing of it behind, and a declared environment is
 * destroyed only with --force.
 */
class PreviewEnvironmentsTest {
    @TempDir
    Path dir;

    private Path spec(String versions) {
        Cli.write(dir.resolve("flows/scoring.py"), "print('score')\n");
        return Cli.write(dir.resolve("flows.yaml"), """
                project: risk
                environments:
                  stage: {}
                  prod: {}
                  preview: { template: true, instances: 'pr-*' }
                flows:
                  scoring:
                    source: flows/scoring.py
                    versions:
                %s""".formatted(versions));
    }

    private static String version(String v) {
        return "      " + v + ":\n        inputs:\n          fleet_id: { type: string, required: true }\n";
    }

    private Cli.Result flowctl(Path flows, String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("-f", flows.toString(), "--no-color")).toArray(String[]::new);
        return Cli.run(all);
    }

    private static long files(Path root) throws Exception {
        if (!Files.exists(root)) return 0;
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aPreviewIsAppliedApartFromTheOthersAndDestroyLeavesNothingOfIt() throws Exception {
        Path flows = spec(version("v1"));
        Cli.Result applied = flowctl(flows, "apply", "-e", "pr-1", "--auto-approve");
        assertEquals(0, applied.code(), applied.toString());
        assertTrue(Files.exists(dir.resolve(".flowctl/env/pr-1/state.json")), applied.toString());

        Cli.Result second = flowctl(flows, "plan", "-e", "pr-2");
        assertEquals(0, second.code(), second.toString());
        assertTrue(second.out().contains("scoring@v1") && second.out().contains("create"), "pr-2 does not see pr-1's deployment:\n" + second);

        Cli.Result destroyed = flowctl(flows, "destroy", "-e", "pr-1", "--auto-approve");
        assertEquals(0, destroyed.code(), destroyed.toString());
        assertTrue(destroyed.out().contains("scoring@v1"), destroyed.toString());
        assertFalse(Files.exists(dir.resolve(".flowctl/env/pr-1/state.json")), destroyed.toString());
        assertFalse(Files.exists(dir.resolve(".flowctl/env/pr-1/state.json.history")), destroyed.toString());
        assertEquals(0, files(dir.resolve(".flowctl/env/pr-1/engine")), "no deployment is left in the engine");

        Cli.Result again = flowctl(flows, "destroy", "-e", "pr-1", "--auto-approve");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().startsWith("Nothing to destroy"), again.toString());

        Cli.Result reopened = flowctl(flows, "apply", "-e", "pr-1", "--auto-approve");
        assertEquals(0, reopened.code(), "a destroyed preview starts afresh:\n" + reopened);
    }

    @Test
    void destroyOfADeclaredEnvironmentNeedsForceAndAConfirmation() {
        Path flows = spec(version("v1"));
        assertEquals(0, flowctl(flows, "apply", "-e", "prod", "--auto-approve").code());

        Cli.Result refused = flowctl(flows, "destroy", "-e", "prod", "--auto-approve");
        assertEquals(1, refused.code(), refused.toString());
        assertTrue(refused.err().contains("it is not a preview environment made from a template, so pass --force")
                && refused.err().contains("FLOWCTL-E0420"), refused.toString());
        assertTrue(Files.exists(dir.resolve(".flowctl/env/prod/state.json")));

        Cli.Result noTerminal = flowctl(flows, "destroy", "-e", "prod", "--force");
        assertEquals(1, noTerminal.code(), noTerminal.toString());
        assertTrue(noTerminal.err().contains("destroy needs confirmation but there is no terminal"), noTerminal.toString());
        assertTrue(Files.exists(dir.resolve(".flowctl/env/prod/state.json")));

        Cli.Result forced = flowctl(flows, "destroy", "-e", "prod", "--force", "--auto-approve");
        assertEquals(0, forced.code(), forced.toString());
        assertFalse(Files.exists(dir.resolve(".flowctl/env/prod/state.json")));
    }

    @Test
    void aTemplateIsNotAnEnvironmentAndMustGiveEachPreviewItsOwnState() {
        Path flows = spec(version("v1"));
        Cli.Result template = flowctl(flows, "plan", "-e", "preview");
        assertEquals(1, template.code(), template.toString());
        assertTrue(template.err().contains("environment 'preview' is a template for preview environments, not one itself;"
                + " select a preview with a name it admits, e.g. -e pr-123."), template.toString());

        Cli.write(flows, Cli.read(flows).replace("preview: { template: true, instances: 'pr-*' }",
                "preview: { template: true, instances: 'pr-*', state: { backend: s3, bucket: b, key: risk/preview.json } }"));
        Cli.Result shared = flowctl(flows, "validate");
        assertEquals(1, shared.code(), shared.toString());
        assertTrue(shared.err().contains("template 'preview' must give each preview environment its own state: set state.key with"
                + " {environment} in it"), shared.toString());
    }

    @Test
    void promotionPlansWhatStageRunsAndAppliesExactlyThat() throws Exception {
        Path flows = spec(version("v1"));
        assertEquals(0, flowctl(flows, "apply", "-e", "prod", "--auto-approve").code());
        // stage gets v2 (and a source change); flows.yaml then declares v3, which stage does not run yet.
        Cli.write(dir.resolve("flows/scoring.py"), "print('score v2')\n");
        Cli.write(flows, Cli.read(flows) + version("v2"));
        assertEquals(0, flowctl(flows, "apply", "-e", "stage", "--auto-approve").code());
        Cli.write(flows, Cli.read(flows) + version("v3"));

        Path planFile = dir.resolve("release.flowplan");
        Cli.Result plan = flowctl(flows, "plan", "-e", "prod", "--from", "stage", "-out", planFile.toString());
        assertEquals(0, plan.code(), plan.toString());
        assertTrue(plan.err().contains("Promotion: 'prod' to run what 'stage' runs"), plan.toString());
        assertTrue(plan.out().contains("scoring@v1") && plan.out().contains("scoring@v2"), plan.toString());
        assertFalse(plan.out().contains("scoring@v3"), "v3 is not in stage yet:\n" + plan);

        Cli.Result applied = flowctl(flows, "apply", "-e", "prod", planFile.toString());
        assertEquals(0, applied.code(), applied.toString());
        assertTrue(applied.out().contains("1 created, 1 updated, 0 deleted"), applied.toString());

        Cli.Result again = flowctl(flows, "plan", "-e", "prod", "--from", "stage", "--detailed-exitcode");
        assertEquals(0, again.code(), "prod now runs what stage runs:\n" + again);

        Cli.write(dir.resolve("flows/scoring.py"), "print('score v3')\n");
        Cli.Result moved = flowctl(flows, "plan", "-e", "prod", "--from", "stage");
        assertEquals(1, moved.code(), moved.toString());
        assertTrue(moved.err().contains("'stage' runs scoring@v1 with source sha256:") && moved.err().contains("FLOWCTL-E0421"), moved.toString());
    }
}
