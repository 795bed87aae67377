package dev.flowctl.cli.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.compat.Finding;
import dev.flowctl.compat.Severity;
import dev.flowctl.plan.Action;
import dev.flowctl.plan.ActionReason;
import dev.flowctl.plan.CompatibilityViolation;
import dev.flowctl.plan.Plan;
import dev.flowctl.plan.PlannedChange;
import dev.flowctl.plan.VersionDigest;
import dev.flowctl.spec.FlowVersionAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MarkdownPlanRendererTest {
    private static final VersionDigest DIGEST = new VersionDigest("sha256:" + "a".repeat(64), null, "sha256:" + "b".repeat(64));

    @Test
    void aHugePlanStaysUnderGitHubsCommentLimitAndSaysWhatWasLeftOut() {
        List<PlannedChange> changes = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            List<Finding> inputs = new ArrayList<>();
            for (int j = 0; j < 10; j++) {
                inputs.add(new Finding("input_" + j, "INPUT_ADDED_OPTIONAL", Severity.INFO, null, "string = \"x\"", "optional input added"));
            }
            List<CompatibilityViolation> violations = i % 500 == 0
                    ? List.of(new CompatibilityViolation("flow_" + i + "@v1.inputs.x", "INPUT_ADDED_REQUIRED", "required input 'x' added",
                    "publish the change as a new version")) : List.of();
            changes.add(new PlannedChange(new FlowVersionAddress("flow_" + i, "v1"), Action.UPDATE, Set.of(ActionReason.SCHEMA_CHANGED),
                    inputs, violations, DIGEST));
        }
        Plan plan = new Plan(Plan.FORMAT_VERSION, "big", null, "lineage", 7, changes);
        String md = new MarkdownPlanRenderer().render(plan);
        assertTrue(md.length() <= 65_536, "length " + md.length());
        assertTrue(md.startsWith("<!-- flowctl-plan: default -->\n⛔ **flowctl plan** for `big`: 0 to create, 2000 to update"), md.substring(0, 200));
        assertTrue(md.contains("flow_1500@v1.inputs.x"), "every violation fits before the table");
        assertTrue(md.matches("(?s).*\\n> ✂️ \\d+ items left out to stay under GitHub's comment size limit.*\\n"), md.substring(md.length() - 300));
    }

    @Test
    void valuesCannotBreakTheTableOrInjectHtml() {
        Finding f = new Finding("note", "TYPE_CHANGED", Severity.BREAKING, "map<string,int>", "a|b `c` <script>", "type changed");
        PlannedChange c = new PlannedChange(new FlowVersionAddress("f", "v1"), Action.UPDATE, Set.of(ActionReason.SCHEMA_CHANGED),
                List.of(f), List.of(new CompatibilityViolation("f@v1.inputs.note", "TYPE_CHANGED", "<b>type</b> changed", "new version")), DIGEST);
        String md = new MarkdownPlanRenderer().render(new Plan(1, "p", "prod", "l", 1, List.of(c)));
        assertTrue(md.contains("| `note` | `map<string,int>` | `a\\|b 'c' <script>` | ⛔ breaking `TYPE_CHANGED` |"), md);
        assertTrue(md.contains("&lt;b&gt;type&lt;/b&gt; changed"), md);
        assertTrue(md.startsWith("<!-- flowctl-plan: prod -->\n⛔ **flowctl plan** for `p` (prod): "), md);
    }
}
