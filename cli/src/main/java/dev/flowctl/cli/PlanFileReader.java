package dev.flowctl.cli;

import static dev.flowctl.cli.PlanFileFormat.KIND;
import static dev.flowctl.cli.PlanFileFormat.VERSION;
import static dev.flowctl.cli.PlanFileFormat.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowctl.compat.Finding;
import dev.flowctl.spec.SourcePosition;
import dev.flowctl.compat.Severity;
import dev.flowctl.plan.Action;
import dev.flowctl.plan.ActionReason;
import dev.flowctl.json.CanonicalJson;
import dev.flowctl.plan.CompatibilityViolation;
import dev.flowctl.plan.ContentHasher;
import dev.flowctl.plan.DesiredState;
import dev.flowctl.plan.Plan;
import dev.flowctl.plan.PlannedChange;
import dev.flowctl.plan.PlannedDeployment;
import dev.flowctl.plan.PlanWarning;
import dev.flowctl.plan.VersionGuards;
import dev.flowctl.spec.Deprecation;
import dev.flowctl.state.Protection;
import dev.flowctl.plan.VersionDigest;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Settings;
import dev.flowctl.spec.Targets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.flowctl.cli.PlanFileFormat.Unreadable;

/**
 * Reads a planfile ({@link PlanFileFormat} writes it): every field checked for its shape, and what
 * apply would send (definitions, schemas, engine settings) checked against the plan's own digests,
 * so an edited file is refused rather than applied.
 */
final class PlanFileReader {
    private PlanFileReader() {
    }

    private static VersionGuards guards(JsonNode n) {
        if (n == null || n.isNull()) return VersionGuards.NONE;
        Set<Protection> protect = EnumSet.noneOf(Protection.class);
        for (JsonNode p : array(n, "protect")) protect.add(wire(Protection.class, PlanFileFormat::protection, p.asText(), "protection"));
        Deprecation deprecated = null;
        JsonNode d = n.get("deprecated");
        if (d != null && !d.isNull()) {
            String sunset = optionalText(d, "sunset");
            try {
                deprecated = new Deprecation(optionalText(d, "replacement"), sunset == null ? null : java.time.LocalDate.parse(sunset),
                        optionalText(d, "reason"));
            } catch (DateTimeParseException e) {
                throw new Unreadable("has a sunset that is not a date: " + sunset);
            }
        }
        return new VersionGuards(protect, deprecated);
    }

    private static List<PlanWarning> warnings(JsonNode change) {
        if (!change.hasNonNull("warnings")) return List.of();
        List<PlanWarning> out = new ArrayList<>();
        for (JsonNode w : array(change, "warnings")) {
            out.add(new PlanWarning(text(w, "path"), text(w, "code"), text(w, "message"), position(w)));
        }
        return out;
    }

    /** Reads a planfile of this format, checking what it carries against its own digests. */
    static SavedPlan read(JsonNode root) {
        int format = root.path("formatVersion").asInt();
        if (format < VERSION) {
            throw new Unreadable("was saved by an older flowctl (format " + format + "); run flowctl plan -out again.");
        }
        String project = text(root, "project");
        String environment = optionalText(root, "environment");
        JsonNode state = object(root, "state");
        JsonNode spec = object(root, "spec");
        List<PlannedChange> changes = new ArrayList<>();
        for (JsonNode c : array(root, "changes")) changes.add(change(c));
        java.util.Map<String, String> owners = new java.util.TreeMap<>();
        if (root.hasNonNull("owners")) object(root, "owners").fields().forEachRemaining(e -> owners.put(e.getKey(), e.getValue().asText()));
        Plan plan = new Plan(Plan.FORMAT_VERSION, project, environment, optionalText(state, "lineage"), number(state, "serial"), changes,
                targets(root), owners);
        Instant createdAt;
        try {
            createdAt = Instant.parse(text(root, "createdAt"));
        } catch (DateTimeParseException e) {
            throw new Unreadable("has a createdAt that is not a time");
        }
        return new SavedPlan(format, KIND, text(root, "toolVersion"), createdAt, text(spec, "file"), text(spec, "sha256"), plan);
    }

    /** The patterns of a partial plan; a planfile without them (every one saved before they existed) is a full plan. */
    private static Targets targets(JsonNode root) {
        JsonNode t = root.get("targets");
        if (t == null || t.isNull()) return Targets.ALL;
        if (!t.isObject()) throw new Unreadable("has targets that are not an object");
        try {
            return Targets.of(patterns(t, "include"), patterns(t, "exclude"));
        } catch (Targets.TargetException e) {
            throw new Unreadable("has a target pattern that is not one: " + t);
        }
    }

    private static List<String> patterns(JsonNode targets, String field) {
        List<String> out = new ArrayList<>();
        if (!targets.has(field)) return out;
        for (JsonNode p : array(targets, field)) {
            if (!p.isTextual()) throw new Unreadable("has a " + field + " pattern that is not text");
            out.add(p.asText());
        }
        return out;
    }

    private static PlannedChange change(JsonNode n) {
        FlowVersionAddress address;
        try {
            address = FlowVersionAddress.parse(text(n, "address"));
        } catch (RuntimeException e) {
            throw new Unreadable("has an address that is not flow@version: " + n.path("address").asText());
        }
        Action action = wire(Action.class, PlanFileFormat::action, text(n, "action"), "action");
        Set<ActionReason> reasons = EnumSet.noneOf(ActionReason.class);
        for (JsonNode r : array(n, "reasons")) reasons.add(wire(ActionReason.class, PlanFileFormat::reason, r.asText(), "reason"));
        List<Finding> findings = new ArrayList<>();
        for (JsonNode f : array(n, "schemaChanges")) {
            findings.add(new Finding(text(f, "path"), text(f, "rule"), wire(Severity.class, PlanFileFormat::severity, text(f, "severity"),
                    "severity"), optionalText(f, "before"), optionalText(f, "after"), text(f, "message"), position(f)));
        }
        List<CompatibilityViolation> violations = new ArrayList<>();
        for (JsonNode v : array(n, "violations")) {
            violations.add(new CompatibilityViolation(text(v, "path"), text(v, "rule"), text(v, "message"), text(v, "fix"), position(v)));
        }
        VersionDigest digest = null;
        if (n.hasNonNull("digest")) {
            JsonNode d = n.get("digest");
            digest = new VersionDigest(text(d, "source"), optionalText(d, "definition"), text(d, "engineSettings"));
        }
        PlannedDeployment deployment = n.hasNonNull("deploy") ? deployment(n.get("deploy"), address, digest) : null;
        if ((action == Action.CREATE || action == Action.UPDATE || action == Action.REPLACE) && violations.isEmpty()
                && (deployment == null || digest == null)) {
            throw new Unreadable("does not say what to deploy for " + address);
        }
        FlowVersionAddress movedFrom = null;
        if (action == Action.MOVE) {
            try {
                movedFrom = FlowVersionAddress.parse(text(n, "movedFrom"));
            } catch (IllegalArgumentException e) {
                throw new Unreadable("has a movedFrom that is not flow@version for " + address);
            }
        }
        return new PlannedChange(address, action, reasons, findings, violations, digest, deployment, movedFrom, guards(n.get("guards")), warnings(n));
    }

    /** What a create or update sends; each part that has a digest must still match it, or the file was edited. */
    private static PlannedDeployment deployment(JsonNode d, FlowVersionAddress address, VersionDigest digest) {
        if (digest == null) throw new Unreadable("has no digest for " + address);
        byte[] content = null;
        String encoded = optionalText(d, "definitionBase64");
        if (encoded != null) {
            try {
                content = Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                throw new Unreadable("has a definition of " + address + " that is not base64");
            }
            if (!ContentHasher.hash(content).equals(digest.definitionHash())) {
                throw new Unreadable("was changed after it was saved: the definition of " + address + " does not match its digest");
            }
        }
        JsonNode schema = d.get("schema");
        if (schema == null || !schema.isArray()) throw new Unreadable("has no input schema for " + address);
        JsonNode settingsNode = object(d, "settings");
        Map<String, Object> values = new LinkedHashMap<>();
        settingsNode.fields().forEachRemaining(e -> values.put(e.getKey(), plain(e.getValue())));
        Settings settings = new Settings(values);
        if (!DesiredState.settingsHash(settings).equals(digest.engineSettingsHash())) {
            throw new Unreadable("was changed after it was saved: the engine settings of " + address + " do not match their digest");
        }
        return new PlannedDeployment(inRepository(text(d, "source"), address), inRepository(optionalText(d, "definition"), address),
                content, CanonicalJson.of(schema), settings);
    }

    /**
     * A path the plan names for {@code address}, as plan writes them: relative to flows.yaml. Where it
     * may lead inside the repository is checked when apply resolves it (SourceFiles).
     */
    private static String inRepository(String path, FlowVersionAddress address) {
        if (path != null && (path.startsWith("/") || path.startsWith("\\") || java.nio.file.Path.of(path).isAbsolute())) {
            throw new Unreadable("names the absolute path " + path + " for " + address + "; plans name files relative to flows.yaml");
        }
        return path;
    }

    /** A settings value as flows.yaml's parser makes it (whole numbers are Long), so engines see the same types either way. */
    private static Object plain(JsonNode v) {
        if (v.isIntegralNumber()) return v.canConvertToLong() ? (Object) v.asLong() : v.bigIntegerValue();
        if (v.isNumber()) return v.doubleValue();
        if (v.isBoolean()) return v.booleanValue();
        if (v.isTextual()) return v.asText();
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            v.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (v.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            v.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        return null;
    }

    private static SourcePosition position(JsonNode o) {
        JsonNode p = o.get("position");
        if (p == null || p.isNull()) return null;
        if (!p.path("line").canConvertToInt() || !p.path("column").canConvertToInt()) {
            throw new Unreadable("has a position without a whole line and column: " + p);
        }
        return new SourcePosition(text(p, "file"), p.get("line").asInt(), p.get("column").asInt());
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) throw new Unreadable("has no " + field + " where one is needed");
        return v.asText();
    }

    private static String optionalText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new Unreadable("has a " + field + " that is not text");
        return v.asText();
    }

    private static long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong()) throw new Unreadable("has no " + field + " number");
        return v.asLong();
    }

    private static JsonNode object(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isObject()) throw new Unreadable("has no " + field + " object");
        return v;
    }

    private static Iterable<JsonNode> array(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) throw new Unreadable("has no " + field + " list");
        return v;
    }

    static boolean sameKind(JsonNode tree) {
        return tree != null && Objects.equals(KIND, tree.path("kind").asText(null));
    }
}
