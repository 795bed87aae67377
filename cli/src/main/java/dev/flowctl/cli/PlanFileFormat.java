package dev.flowctl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowctl.compat.Finding;
import dev.flowctl.spec.SourcePosition;
import dev.flowctl.compat.Severity;
import dev.flowctl.plan.Action;
import dev.flowctl.plan.ActionReason;
import dev.flowctl.plan.CompatibilityViolation;
import dev.flowctl.plan.Plan;
import dev.flowctl.plan.PlannedChange;
import dev.flowctl.plan.PlannedDeployment;
import dev.flowctl.plan.PlanWarning;
import dev.flowctl.plan.VersionGuards;
import dev.flowctl.spec.Deprecation;
import dev.flowctl.state.Protection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.function.Function;

/**
 * The planfile format (docs/planfile.md, docs/planfile.schema.json), written field by field (read by
 * {@link PlanFileReader}):
 * no record is serialised by reflection, so renaming or reshaping a domain record cannot change
 * the file, and every wire name (of an action, a reason, a severity) is spelled here once.
 */
final class PlanFileFormat {
    /** Format 2: self-contained actions. Format 1 (records by reflection, no deploy payload) is refused. */
    static final int VERSION = 2;
    static final String KIND = "flowctl-saved-plan";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PlanFileFormat() {
    }

    /** Thrown for a file that is not a readable planfile of this format; the message says why, the caller says where. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    static byte[] write(SavedPlan saved) {
        Plan plan = saved.plan();
        ObjectNode root = NODES.objectNode();
        root.put("kind", KIND);
        root.put("formatVersion", VERSION);
        root.put("toolVersion", saved.toolVersion());
        root.put("createdAt", saved.createdAt().toString());
        ObjectNode spec = root.putObject("spec");
        spec.put("file", saved.specFile());
        spec.put("sha256", saved.specHash());
        root.put("project", plan.project());
        root.put("environment", plan.environment());
        ObjectNode state = root.putObject("state");
        state.put("lineage", plan.lineage());
        state.put("serial", plan.serial());
        if (plan.partial()) {
            // Only in a partial plan, so a full plan's bytes are as before. A reader that ignores it still
            // applies only the changes listed, which are the targeted ones.
            ObjectNode targets = root.putObject("targets");
            plan.targets().include().forEach(targets.putArray("include")::add);
            plan.targets().exclude().forEach(targets.putArray("exclude")::add);
        }
        ArrayNode changes = root.putArray("changes");
        for (PlannedChange c : plan.changes()) changes.add(change(c));
        // Only a grouped plan carries its owners: the file then renders exactly as the plan did, and others stay as they were.
        if (plan.groupedByOwner()) {
            ObjectNode owners = root.putObject("owners");
            plan.owners().forEach(owners::put);
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode change(PlannedChange c) {
        ObjectNode n = NODES.objectNode();
        n.put("address", c.address().toString());
        n.put("action", action(c.action()));
        if (c.movedFrom() != null) n.put("movedFrom", c.movedFrom().toString());
        ArrayNode reasons = n.putArray("reasons");
        // Enum order, so the file does not depend on a set's iteration order.
        EnumSet.copyOf(c.reasons().isEmpty() ? EnumSet.noneOf(ActionReason.class) : c.reasons()).forEach(r -> reasons.add(reason(r)));
        ArrayNode findings = n.putArray("schemaChanges");
        for (Finding f : c.schemaChanges()) {
            ObjectNode o = findings.addObject();
            o.put("path", f.path());
            o.put("rule", f.ruleId());
            o.put("severity", severity(f.severity()));
            o.put("before", f.before());
            o.put("after", f.after());
            o.put("message", f.message());
            position(o, f.position());
        }
        ArrayNode violations = n.putArray("violations");
        for (CompatibilityViolation v : c.violations()) {
            ObjectNode o = violations.addObject();
            o.put("path", v.path());
            o.put("rule", v.ruleId());
            o.put("message", v.message());
            o.put("fix", v.fix());
            position(o, v.position());
        }
        if (c.digest() != null) {
            ObjectNode d = n.putObject("digest");
            d.put("source", c.digest().sourceHash());
            d.put("definition", c.digest().definitionHash());
            d.put("engineSettings", c.digest().engineSettingsHash());
        }
        PlannedDeployment p = c.deployment();
        if (p != null) {
            ObjectNode d = n.putObject("deploy");
            d.put("source", p.source());
            d.put("definition", p.definition());
            byte[] content = p.definitionContent();
            d.put("definitionBase64", content == null ? null : Base64.getEncoder().encodeToString(content));
            d.set("schema", tree(p.schema().text()));
            d.set("settings", JSON.valueToTree(p.settings().values()));
        }
        // Only when present, so a plan without guards is written exactly as before.
        if (!c.guards().equals(VersionGuards.NONE)) n.set("guards", guards(c.guards()));
        if (!c.warnings().isEmpty()) {
            ArrayNode warnings = n.putArray("warnings");
            for (PlanWarning w : c.warnings()) {
                ObjectNode o = warnings.addObject();
                o.put("path", w.path());
                o.put("code", w.code());
                o.put("message", w.message());
                position(o, w.position());
            }
        }
        return n;
    }

    /** {"protect": ["flow", "version"], "deprecated": {"replacement", "sunset", "reason"}}: what apply records in state. */
    private static ObjectNode guards(VersionGuards g) {
        ObjectNode n = NODES.objectNode();
        ArrayNode protect = n.putArray("protect");
        EnumSet.copyOf(g.protect().isEmpty() ? EnumSet.noneOf(Protection.class) : g.protect()).forEach(p -> protect.add(protection(p)));
        Deprecation d = g.deprecated();
        if (d != null) {
            ObjectNode o = n.putObject("deprecated");
            o.put("replacement", d.replacement());
            o.put("sunset", d.sunset() == null ? null : d.sunset().toString());
            o.put("reason", d.reason());
        }
        return n;
    }

    // Wire names: written here once, never taken from an enum constant's Java name.

    static String action(Action a) {
        return switch (a) {
            case CREATE -> "create";
            case UPDATE -> "update";
            case DELETE -> "delete";
            case NO_OP -> "no-op";
            case MOVE -> "move";
            case FORGET -> "forget";
            case REPLACE -> "replace";
        };
    }

    static String reason(ActionReason r) {
        return switch (r) {
            case NEW_VERSION -> "new-version";
            case SOURCE_CHANGED -> "source-changed";
            case DEFINITION_CHANGED -> "definition-changed";
            case SCHEMA_CHANGED -> "schema-changed";
            case ENGINE_SETTINGS_CHANGED -> "engine-settings-changed";
            case MISSING_FROM_ENGINE -> "missing-from-engine";
            case REMOVED_FROM_SPEC -> "removed-from-spec";
            case ENVIRONMENT_DESTROYED -> "environment-destroyed";
            case MOVED -> "moved";
            case FORGOTTEN -> "forgotten";
            case REPLACE_REQUESTED -> "replace-requested";
            case PROTECTION_CHANGED -> "protection-changed";
            case DEPRECATION_CHANGED -> "deprecation-changed";
        };
    }

    static String protection(Protection p) {
        return switch (p) {
            case FLOW -> "flow";
            case VERSION -> "version";
        };
    }

    static String severity(Severity s) {
        return switch (s) {
            case NONE -> "none";
            case INFO -> "info";
            case WARNING -> "warning";
            case BREAKING -> "breaking";
        };
    }

    static <E extends Enum<E>> E wire(Class<E> type, Function<E, String> name, String value, String what) {
        for (E e : type.getEnumConstants()) {
            if (name.apply(e).equals(value)) return e;
        }
        throw new Unreadable("has an unknown " + what + " '" + value + "'");
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where in flows.yaml a finding is, when it is somewhere: {"file", "line", "column"}. */
    private static void position(ObjectNode o, SourcePosition p) {
        if (p == null) return;
        ObjectNode n = o.putObject("position");
        n.put("file", p.file());
        n.put("line", p.line());
        n.put("column", p.column());
    }

}
