package dev.flowctl.cli.render;

import dev.flowctl.errors.ErrorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flowctl.compat.Finding;
import dev.flowctl.compat.Severity;
import dev.flowctl.port.DriftDifference;
import dev.flowctl.drift.DriftEntry;
import dev.flowctl.drift.DriftKind;
import dev.flowctl.drift.DriftReport;
import dev.flowctl.drift.UnappliedChange;
import dev.flowctl.plan.Action;
import dev.flowctl.plan.ActionReason;
import dev.flowctl.plan.CompatibilityViolation;
import dev.flowctl.plan.Plan;
import dev.flowctl.plan.PlannedChange;
import dev.flowctl.plan.VersionDigest;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.SourcePosition;
import dev.flowctl.spec.SpecProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every output format of a plan with findings, of validation problems and of a drift report, positions
 * included, compared with the files in src/test/resources/golden. After an intended change, regenerate
 * them with {@code -Dgolden.update=true} and review the diff.
 */
class OutputGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final String LINK_BASE = "https://github.com/acme/risk/blob/4f2c0de/";
    private static final VersionDigest DIGEST = new VersionDigest("sha256:" + "a".repeat(64), null, "sha256:" + "b".repeat(64));

    private static SourcePosition at(int line, int column) {
        return new SourcePosition("deploy/flows.yaml", line, column);
    }

    /** An update blocked by a required input, with a warning and a safe change; a create; a delete of a removed version. */
    static Plan plan() {
        PlannedChange update = new PlannedChange(new FlowVersionAddress("scoring", "v1"), Action.UPDATE, Set.of(ActionReason.SCHEMA_CHANGED),
                List.of(new Finding("mode", "ENUM_VALUE_ADDED", Severity.INFO, "enum[fast,full]", "enum[fast,full,turbo]",
                                "enum value turbo added to input 'mode'", at(14, 43)),
                        new Finding("months", "DEFAULT_CHANGED", Severity.WARNING, "int = 24", "int = 12",
                                "default of input 'months' changed from 24 to 12: callers that omit it get another value", at(13, 11)),
                        new Finding("region", "INPUT_ADDED_REQUIRED", Severity.BREAKING, null, "required string",
                                "required input 'region' added", at(15, 11))),
                List.of(new CompatibilityViolation("scoring@v1.inputs.region", "INPUT_ADDED_REQUIRED",
                        "required input 'region' added (backward compatibility)",
                        "publish the change as a new version (e.g. scoring@v2), move callers to it, then delete scoring@v1", at(15, 11))),
                DIGEST);
        PlannedChange create = new PlannedChange(new FlowVersionAddress("fleet", "v1"), Action.CREATE, Set.of(ActionReason.NEW_VERSION),
                List.of(new Finding("fleet_id", "INPUT_ADDED_REQUIRED", Severity.INFO, null, "required string", "required input 'fleet_id' added",
                        at(6, 11))), List.of(), DIGEST);
        PlannedChange delete = new PlannedChange(new FlowVersionAddress("legacy", "v3"), Action.DELETE, Set.of(ActionReason.REMOVED_FROM_SPEC),
                List.of(new Finding("day", "INPUT_REMOVED", Severity.INFO, "date", null, "input 'day' removed", null)), List.of(), null);
        return new Plan(Plan.FORMAT_VERSION, "risk", "prod", "7d1f6a0e-lineage", 12, List.of(create, delete, update));
    }

    static DriftReport drift() {
        return new DriftReport(DriftReport.FORMAT_VERSION, "risk", "prod", "stepfunctions", 12, 3, List.of(
                new DriftEntry(new FlowVersionAddress("fleet", "v1"), DriftKind.MISSING, "arn:aws:states:us-east-1:1:stateMachine:risk-prod-fleet-v1",
                        List.of(), "run apply to deploy it again, or remove it from flows.yaml and apply to record the deletion", at(5, 7)),
                new DriftEntry(new FlowVersionAddress("scoring", "v1"), DriftKind.MODIFIED, "arn:aws:states:us-east-1:1:stateMachine:risk-prod-scoring-v1",
                        List.of(new DriftDifference("definition", "sha256:" + "1".repeat(64), "sha256:" + "2".repeat(64))),
                        "undo the change in the engine, or redeploy what flows.yaml says with apply after changing the source", at(11, 7)),
                new DriftEntry(new FlowVersionAddress("shadow", "v1"), DriftKind.UNMANAGED, "arn:aws:states:us-east-1:1:stateMachine:risk-prod-shadow-v1",
                        List.of(), "adopt it with: flowctl import shadow@v1 arn:aws:states:us-east-1:1:stateMachine:risk-prod-shadow-v1"
                        + " (after adding it to flows.yaml), or delete it in the engine", null)),
                List.of(new UnappliedChange(new FlowVersionAddress("scoring", "v2"), Action.CREATE, Set.of(ActionReason.NEW_VERSION))));
    }

    @Test
    void planInEveryFormat() throws IOException {
        Plan plan = plan();
        golden("plan.txt", PlanRenderer.of(OutputFormat.TEXT, Style.plain()).render(plan));
        golden("plan.md", PlanRenderer.of(OutputFormat.MARKDOWN, Style.plain()).render(plan));
        golden("plan-linked.md", PlanRenderer.of(OutputFormat.MARKDOWN, Style.plain(), LINK_BASE).render(plan));
        golden("plan.json", PlanRenderer.of(OutputFormat.JSON, Style.plain()).render(plan));
        golden("plan.github.txt", PlanRenderer.of(OutputFormat.GITHUB, Style.plain()).render(plan));
        golden("plan.gitlab.json", PlanRenderer.of(OutputFormat.GITLAB, Style.plain()).render(plan));
    }

    @Test
    void driftInEveryFormat() throws IOException {
        DriftReport r = drift();
        golden("drift.txt", DriftRenderers.render(OutputFormat.TEXT, r, Style.plain(), null));
        golden("drift.md", DriftRenderers.render(OutputFormat.MARKDOWN, r, Style.plain(), null));
        golden("drift-linked.md", DriftRenderers.render(OutputFormat.MARKDOWN, r, Style.plain(), LINK_BASE));
        golden("drift.json", DriftRenderers.render(OutputFormat.JSON, r, Style.plain(), null));
        golden("drift.github.txt", DriftRenderers.render(OutputFormat.GITHUB, r, Style.plain(), null));
        golden("drift.gitlab.json", DriftRenderers.render(OutputFormat.GITLAB, r, Style.plain(), null));
    }

    /** Validation problems name flows.yaml relative to the repository root, found by its .git. */
    @Test
    void validationProblemsInEveryFormat(@TempDir Path repo) throws IOException {
        Files.createDirectories(repo.resolve(".git"));
        String file = repo.resolve("deploy/flows.yaml").toString();
        List<SpecProblem> problems = List.of(
                new SpecProblem(file, 0, 0, "the file is not UTF-8; save it as UTF-8.", ErrorCode.SPEC_UNREADABLE),
                new SpecProblem(file, 9, 19, "unknown type 'strng' for input 'region' of version 'scoring@v1'; did you mean 'string'?", ErrorCode.SPEC_TYPE_INVALID),
                new SpecProblem(file, 14, 5, "version 'scoring@v2' has no 'source:', set it on the version or on the flow: 50% of, well, nothing", ErrorCode.SPEC_MISSING_KEY));
        golden("problems.json", ProblemRenderers.render(OutputFormat.JSON, problems));
        golden("problems.github.txt", ProblemRenderers.render(OutputFormat.GITHUB, problems));
        golden("problems.gitlab.json", ProblemRenderers.render(OutputFormat.GITLAB, problems));
    }

    private static void golden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name + " (regenerate with -Dgolden.update=true)");
    }
}
