package dev.flowctl.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowctl.compat.Finding;
import dev.flowctl.plan.Action;
import dev.flowctl.plan.ActionReason;
import dev.flowctl.plan.CompatibilityViolation;
import dev.flowctl.plan.Plan;
import dev.flowctl.plan.PlannedChange;
import dev.flowctl.spec.SourcePosition;
import java.util.Locale;

/**
 * The plan for programs. The shape is a public contract, described by docs/schemas/plan.schema.json:
 * fields are only ever added within a {@link #FORMAT_VERSION}; renaming or removing one raises it.
 */
public final class JsonPlanRenderer implements PlanRenderer {
    /** The version of the JSON shape below, written as {@code formatVersion}. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String render(Plan plan) {
        try {
            return JSON.writeValueAsString(tree(plan)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan could not be written as JSON", e);
        }
    }

    /** The JSON document, for callers that embed it. */
    public static ObjectNode tree(Plan plan) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("kind", "plan");
        root.put("project", plan.project());
        root.put("environment", plan.environment());
        ObjectNode state = root.putObject("state");
        state.put("lineage", plan.lineage());
        state.put("serial", plan.serial());
        // Added within format 1: a partial plan (--target/--exclude) lists its patterns; a full one has partial: false.
        ObjectNode targets = root.putObject("targets");
        targets.put("partial", plan.partial());
        plan.targets().include().forEach(targets.putArray("include")::add);
        plan.targets().exclude().forEach(targets.putArray("exclude")::add);
        ObjectNode summary = root.putObject("summary");
        summary.put("create", plan.count(Action.CREATE));
        summary.put("update", plan.count(Action.UPDATE));
        summary.put("delete", plan.count(Action.DELETE));
        summary.put("unchanged", plan.count(Action.NO_OP));
        summary.put("move", plan.count(Action.MOVE));
        summary.put("forget", plan.count(Action.FORGET));
        summary.put("replace", plan.count(Action.REPLACE));
        summary.put("changes", plan.hasChanges());
        summary.put("blocked", plan.blocked());
        summary.put("text", MarkdownPlanRenderer.summary(plan));
        ArrayNode violations = root.putArray("violations");
        plan.violations().forEach(v -> violations.add(violation(v)));
        ArrayNode warnings = root.putArray("warnings");
        plan.warnings().forEach(w -> warnings.add(warning(w)));
        ArrayNode changes = root.putArray("changes");
        for (PlannedChange c : plan.changes()) {
            ObjectNode n = changes.addObject();
            n.put("address", c.address().toString());
            n.put("flow", c.address().flow());
            n.put("version", c.address().version());
            n.put("action", id(c.action().name()));
            if (c.movedFrom() != null) n.put("movedFrom", c.movedFrom().toString());
            ArrayNode reasons = n.putArray("reasons");
            c.reasons().stream().sorted().map(ActionReason::name).map(JsonPlanRenderer::id).forEach(reasons::add);
            n.put("blocked", c.blocked());
            ArrayNode inputs = n.putArray("inputChanges");
            c.schemaChanges().forEach(f -> inputs.add(finding(f)));
            ArrayNode vs = n.putArray("violations");
            c.violations().forEach(v -> vs.add(violation(v)));
            ArrayNode ws = n.putArray("warnings");
            c.warnings().forEach(w -> ws.add(warning(w)));
            // A deleted version's name is tombstoned: it can never be deployed again.
            n.put("retiresName", c.action() == Action.DELETE);
            if (c.digest() == null) {
                n.putNull("digest");
            } else {
                ObjectNode d = n.putObject("digest");
                d.put("source", c.digest().sourceHash());
                d.put("definition", c.digest().definitionHash());
                d.put("engineSettings", c.digest().engineSettingsHash());
            }
        }
        return root;
    }

    private static ObjectNode finding(Finding f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("path", f.path());
        n.put("rule", f.ruleId());
        n.put("code", f.ruleId()); // a finding's stable code is its rule's ID, as errors' is FLOWCTL-E…
        n.put("severity", id(f.severity().name()));
        n.put("before", f.before());
        n.put("after", f.after());
        n.put("message", f.message());
        position(n, f.position());
        return n;
    }

    private static ObjectNode violation(CompatibilityViolation v) {
        ObjectNode n = JSON.createObjectNode();
        n.put("path", v.path());
        n.put("rule", v.ruleId());
        n.put("code", v.ruleId());
        n.put("message", v.message());
        n.put("fix", v.fix());
        position(n, v.position());
        return n;
    }

    private static ObjectNode warning(dev.flowctl.plan.PlanWarning w) {
        ObjectNode n = JSON.createObjectNode();
        n.put("path", w.path());
        n.put("code", w.code());
        n.put("message", w.message());
        position(n, w.position());
        return n;
    }

    /** {@code "position": {file, line, column}} (file relative to the repository root), or null when nothing of it is written. */
    public static void position(ObjectNode n, SourcePosition p) {
        if (p == null) {
            n.putNull("position");
            return;
        }
        n.putObject("position").put("file", p.file()).put("line", p.line()).put("column", p.column());
    }

    /** NO_OP -> "no-op", NEW_VERSION -> "new-version". */
    private static String id(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
