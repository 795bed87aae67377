package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell of ci-templates/ works: run against the local engine in a temporary git repository. */
class CiTemplatesTest {
    @TempDir
    Path tmp;

    @Test
    void githubPlanCommentsOnceAndGatesOnExitCodesThenApplyDeploys() {
        CiTemplateRunner ci = new CiTemplateRunner(tmp);
        Project project = new Project(ci.repo);
        ci.commit("first flow");

        CiTemplateRunner.Job plan = ci.github("flowctl-plan.yml");
        assertTrue(plan.passed(), "exit 2 (changes) passes the job\n" + plan);
        assertEquals("2", read(ci.repo.resolve("plan.exitcode")).trim());
        assertEquals(1, ci.comments().size());
        assertTrue(ci.comments().get(0).startsWith("<!-- flowctl-plan: default -->\n📋 **flowctl plan** for `demo`: 1 to create"),
                ci.comments().get(0));
        assertTrue(ci.summary().contains("1 to create, 0 to update, 0 to delete — ready to apply"), ci.summary());
        assertTrue(Files.isRegularFile(ci.repo.resolve("plan.flowplan")), "the saved plan is kept as an artifact");

        CiTemplateRunner.Job apply = ci.github("flowctl-apply.yml");
        assertTrue(apply.passed(), apply.toString());
        assertTrue(apply.log().contains("Apply complete! Flow versions: 1 created"), apply.toString());
        assertTrue(ci.summary().contains("### flowctl apply: succeeded"), ci.summary());

        project.addRequiredInput();
        ci.commit("breaking change");
        CiTemplateRunner.Job blocked = ci.github("flowctl-plan.yml");
        assertFalse(blocked.passed(), "a breaking change fails the job\n" + blocked);
        assertTrue(blocked.log().contains("flowctl plan is blocked by a breaking change") && blocked.log().contains("(exit 3)"), blocked.toString());
        assertEquals(1, ci.comments().size(), "the sticky comment is updated, not repeated");
        assertTrue(ci.comments().get(0).contains("blocked: 1 breaking change") && ci.comments().get(0).contains("**Fix:**"), ci.comments().get(0));
        // the breaking change is also marked on its line of flows.yaml in the PR diff
        assertTrue(blocked.log().lines().anyMatch(l -> l.startsWith("::error file=flows.yaml,line=")
                && l.contains("title=Breaking change INPUT_ADDED_REQUIRED")), blocked.toString());

        Cli.write(project.flows, "project: demo\nflows: [\n");
        CiTemplateRunner.Job broken = ci.github("flowctl-plan.yml");
        assertFalse(broken.passed(), broken.toString());
        assertTrue(broken.log().contains("flowctl plan failed (exit 1)"), broken.toString());
        assertEquals(1, ci.comments().size());
        assertTrue(ci.comments().get(0).contains("❌ **flowctl plan** failed:") && ci.comments().get(0).contains("invalid YAML"),
                ci.comments().get(0));

        // The error quotes flows.yaml, which the pull request controls: it stays inside the comment's code block.
        Cli.write(project.flows, "project: \"x```\\n## Approved <img src=x>\"\nflows: {}\n");
        assertFalse(ci.github("flowctl-plan.yml").passed());
        String comment = ci.comments().get(0);
        String error = comment.substring(comment.indexOf("failed:") + "failed:".length()).strip();
        assertTrue(error.contains("```"), comment);
        assertTrue(("    " + error).lines().allMatch(l -> l.isEmpty() || l.startsWith("    ")), "every line of the error is code:\n" + comment);
    }

    @Test
    void gitlabPlanNotesOnceAndGatesOnExitCodesThenApplyDeploys() {
        CiTemplateRunner ci = new CiTemplateRunner(tmp);
        Project project = new Project(ci.repo);
        ci.commit("first flow");

        CiTemplateRunner.Job plan = ci.gitlab("flowctl-plan");
        assertTrue(plan.passed(), plan.toString());
        assertEquals(1, ci.comments().size());
        assertTrue(ci.comments().get(0).startsWith("<!-- flowctl-plan: default -->\n"), ci.comments().get(0));
        assertTrue(ci.gitlab("flowctl-plan").passed());
        assertEquals(1, ci.comments().size(), "the note is updated in place");

        CiTemplateRunner.Job apply = ci.gitlab("flowctl-apply");
        assertTrue(apply.passed(), apply.toString());
        assertTrue(apply.log().contains("Apply complete!"), apply.toString());

        project.addRequiredInput();
        CiTemplateRunner.Job blocked = ci.gitlab("flowctl-plan");
        assertFalse(blocked.passed(), blocked.toString());
        assertTrue(blocked.log().contains("(exit 3)"), blocked.toString());
        assertEquals(1, ci.comments().size());
        assertTrue(ci.comments().get(0).contains("blocked: 1 breaking change"), ci.comments().get(0));
        String report = read(ci.repo.resolve("gl-code-quality-report.json"));
        assertTrue(report.contains("\"check_name\" : \"INPUT_ADDED_REQUIRED\"") && report.contains("\"path\" : \"flows.yaml\""),
                "the Code Quality report marks the line\n" + report);
    }

    @Test
    void driftOpensOneIssueAndClosesItWhenDriftIsGone() {
        CiTemplateRunner ci = new CiTemplateRunner(tmp);
        new Project(ci.repo);
        assumeTrue(hasCommand(ci, "drift"), "flowctl drift is not merged into this branch yet");
        ci.commit("first flow");
        assertTrue(ci.github("flowctl-apply.yml").passed());
        CiTemplateRunner.Job clean = ci.github("flowctl-drift.yml");
        assertTrue(clean.passed(), clean.toString());
        assertEquals(0, ci.openIssues().size());

        deleteLiveDeployments(ci.repo.resolve(".flowctl/engine"));
        for (int run = 0; run < 2; run++) {
            CiTemplateRunner.Job drifted = ci.github("flowctl-drift.yml");
            assertTrue(drifted.passed(), "drift is reported, not a failure\n" + drifted);
            assertEquals(1, ci.openIssues().size(), "one issue, updated on the next run");
        }
        assertTrue(ci.github("flowctl-apply.yml").passed());
        assertTrue(ci.github("flowctl-drift.yml").passed());
        assertEquals(0, ci.openIssues().size(), "closed once drift is gone");
    }

    @Test
    void codegenCheckPassesOnCurrentCode() {
        CiTemplateRunner ci = new CiTemplateRunner(tmp);
        new Project(ci.repo);
        assumeTrue(hasCommand(ci, "codegen"), "flowctl codegen is not merged into this branch yet");
        assertTrue(ci.shell("flowctl codegen -f flows.yaml", Map.of()).passed());
        ci.commit("generated code");
        CiTemplateRunner.Job check = ci.github("flowctl-codegen.yml");
        assertTrue(check.passed(), check.toString());
        assertTrue(ci.gitlab("flowctl-codegen").passed());
    }

    @Test
    void previewJobsApplyThePullRequestsEnvironmentAndDestroyItOnClose() throws Exception {
        CiTemplateRunner ci = new CiTemplateRunner(tmp);
        new Project(ci.repo);
        Path flows = ci.repo.resolve("flows.yaml");
        String spec = Files.readString(flows);
        Files.writeString(flows, spec.replaceFirst("(?m)^flows:", "environments:\n  preview: { template: true, instances: 'pr-*' }\nflows:"));
        ci.commit("a preview template");

        // The runner runs both jobs in order: apply on the pull request's update, then destroy on its close.
        CiTemplateRunner.Job github = ci.github("flowctl-preview.yml");
        assertTrue(github.passed(), github.toString());
        assertTrue(github.log().contains("Apply complete!") && github.log().contains("Destroy complete!"), github.toString());
        assertFalse(Files.exists(ci.repo.resolve(".flowctl/env/pr-7/state.json")), "the preview's state is gone");

        CiTemplateRunner.Job apply = ci.gitlab("flowctl-preview");
        assertTrue(apply.passed(), apply.toString());
        assertTrue(Files.exists(ci.repo.resolve(".flowctl/env/pr-7/state.json")), apply.toString());
        CiTemplateRunner.Job destroy = ci.gitlab("flowctl-preview-destroy");
        assertTrue(destroy.passed(), destroy.toString());
        assertFalse(Files.exists(ci.repo.resolve(".flowctl/env/pr-7/state.json")), destroy.toString());
    }

    @Test
    void catalogIsWrittenForPagesAfterApplyAndRewrittenOnTheNextRun() {
        CiTemplateRunner ci = new CiTemplateRunner(tmp);
        new Project(ci.repo);
        ci.commit("first flow");
        assertTrue(ci.github("flowctl-apply.yml").passed());

        for (int run = 0; run < 2; run++) { // the second run replaces the site the first one wrote
            CiTemplateRunner.Job github = ci.github("flowctl-catalog.yml");
            assertTrue(github.passed(), github.toString());
            String index = read(ci.repo.resolve("catalog-site/index.html"));
            assertTrue(index.contains("<a href=\"flows/scoring.html\">scoring</a>") && index.contains("<td>v1</td>"), index);
            assertTrue(ci.summary().contains("### flowctl catalog\n\nWrote the catalog of 1 flow to catalog-site"), ci.summary());

            CiTemplateRunner.Job gitlab = ci.gitlab("pages");
            assertTrue(gitlab.passed(), gitlab.toString());
            assertTrue(read(ci.repo.resolve("public/flows/scoring.html")).contains("demo.flows.scoring.v1.ScoringService/Start"));
        }
        // GitLab Pages publishes public/: one the repository keeps for itself is refused, not overwritten.
        ci.shell("rm -rf public && mkdir public && echo mine > public/notes.txt", Map.of());
        CiTemplateRunner.Job refused = ci.gitlab("pages");
        assertFalse(refused.passed(), refused.toString());
        assertTrue(refused.log().contains("public is not empty and was not written by flowctl catalog"), refused.toString());
        assertEquals("mine\n", read(ci.repo.resolve("public/notes.txt")));
    }

    /** Commands other issues add; their template steps are run once the command is merged. */
    private static boolean hasCommand(CiTemplateRunner ci, String command) {
        return ci.shell("flowctl --help | grep -Eq '^ +" + command + " '", Map.of()).passed();
    }

    private static void deleteLiveDeployments(Path engineDir) {
        try (var files = Files.walk(engineDir)) {
            files.filter(Files::isRegularFile).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
