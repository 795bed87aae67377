package dev.flowctl.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowctl.compat.Finding;
import dev.flowctl.json.CanonicalJson;
import dev.flowctl.compat.Severity;
import dev.flowctl.compat.check.CompatibilityChecker;
import dev.flowctl.spec.CompatibilityMode;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.InputSpec;
import dev.flowctl.spec.SchemaJson;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.Targets;
import dev.flowctl.spec.VersionSpec;
import dev.flowctl.state.DeployedVersion;
import dev.flowctl.state.StateDocument;
import dev.flowctl.state.Tombstone;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Diffs the desired spec against the applied state into a {@link Plan}. Pure: it deploys nothing. */
public final class Planner {
    /** The pseudo rule that refuses re-creating a deleted version. */
    public static final String VERSION_TOMBSTONED = "VERSION_TOMBSTONED";

    private static final DateTimeFormatter DELETED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private static final java.util.regex.Pattern NUMBERED_VERSION = java.util.regex.Pattern.compile("v(\\d{1,6})");

    private final CompatibilityChecker checker;
    /** Today, for sunset dates. */
    private final java.time.Clock clock;

    public Planner() {
        this(new CompatibilityChecker());
    }

    public Planner(CompatibilityChecker checker) {
        this(checker, java.time.Clock.systemUTC());
    }

    /** A planner that takes today's date (for sunset dates) from {@code clock}. */
    public Planner(CompatibilityChecker checker, java.time.Clock clock) {
        this.checker = checker;
        this.clock = clock;
    }

    /**
     * @param state the last applied state, or null when nothing was ever applied
     */
    public Plan plan(Spec spec, String environment, StateDocument state) {
        return plan(spec, environment, state, Set.of());
    }

    /**
     * Plans with what the engine lists: a version recorded in state but {@code missingFromEngine}
     * is deployed again (Terraform's refresh before apply).
     */
    public Plan plan(Spec spec, String environment, StateDocument state, Set<FlowVersionAddress> missingFromEngine) {
        return plan(spec, environment, state, missingFromEngine, Set.of(), Targets.ALL, Map.of());
    }

    /**
     * Plans only the versions {@code targets} selects (in flows.yaml, or only in state for a delete):
     * the others are neither hashed, checked nor put in the plan, which records the patterns.
     */
    public Plan plan(Spec spec, String environment, StateDocument state, Set<FlowVersionAddress> missingFromEngine, Targets targets) {
        return plan(spec, environment, state, missingFromEngine, Set.of(), targets, Map.of());
    }

    /**
     * Plans knowing how often the gateway saw each version called recently ({@code recentCalls}, from
     * its call log): deleting one that callers still call is a warning naming the count.
     */
    public Plan plan(Spec spec, String environment, StateDocument state, Set<FlowVersionAddress> missingFromEngine,
                     Map<FlowVersionAddress, RecentCalls> recentCalls) {
        return plan(spec, environment, state, missingFromEngine, Set.of(), Targets.ALL, recentCalls);
    }

    /**
     * All of it: the versions {@code targets} selects, each of {@code replace} redeployed even when
     * unchanged ({@code apply --replace}; the caller checks that each is declared and recorded),
     * deletions warned about with the gateway's {@code recentCalls}.
     */
    public Plan plan(Spec spec, String environment, StateDocument state, Set<FlowVersionAddress> missingFromEngine,
                     Set<FlowVersionAddress> replace, Targets targets, Map<FlowVersionAddress, RecentCalls> recentCalls) {
        DeletionGuards guards = new DeletionGuards(spec, clock, recentCalls);
        DesiredState desired = DesiredState.of(spec, environment);
        Map<String, DeployedVersion> deployed = state == null ? Map.of() : state.versions();
        Map<String, Tombstone> tombstones = state == null ? Map.of() : state.tombstones();
        Map<String, FlowVersionAddress> moves = Moves.of(spec, deployed);
        // Each version is planned on its own (hash its files, check its schema): spread over the cores.
        List<PlannedChange> changes = new ArrayList<>(spec.versions().parallelStream().filter(v -> targets.matches(v.address())).map(v -> {
            String key = v.address().toString();
            VersionDigest digest = desired.digest(v);
            DeployedVersion current = deployed.get(key);
            FlowVersionAddress from = moves.get(key);
            PlannedChange change;
            if (from != null) {
                PlannedChange u = update(spec, v, digest, () -> desired.deployment(v, digest), deployed.get(from.toString()),
                        missingFromEngine.contains(from));
                change = moved(spec, u, from, tombstones.get(key));
            } else if (current == null) {
                change = create(spec, v, digest, desired.deployment(v, digest), tombstones.get(key));
            } else {
                PlannedChange u = update(spec, v, digest, () -> desired.deployment(v, digest), current, missingFromEngine.contains(v.address()));
                change = replace.contains(v.address()) ? replaced(u, () -> desired.deployment(v, digest)) : u;
            }
            DeployedVersion recorded = from != null ? deployed.get(from.toString()) : current;
            VersionGuards want = guards.desired(v);
            if (recorded != null) change = withGuardChanges(change, DeletionGuards.changed(want, recorded), () -> desired.deployment(v, digest));
            return change.withGuards(want, guards.warnings(v));
        }).toList());
        Set<String> movedAway = new HashSet<>();
        moves.values().forEach(a -> movedAway.add(a.toString()));
        for (DeployedVersion d : deployed.values()) {
            if (spec.flows().containsKey(d.flow()) && spec.flows().get(d.flow()).versions().containsKey(d.version())) continue;
            if (movedAway.contains(d.address())) continue;
            FlowVersionAddress gone = new FlowVersionAddress(d.flow(), d.version());
            if (!targets.matches(gone)) continue;
            if (spec.refactorings().removed().stream().anyMatch(r -> r.covers(gone))) {
                changes.add(new PlannedChange(gone, Action.FORGET, EnumSet.of(ActionReason.FORGOTTEN), List.of(), List.of(), null));
                continue;
            }
            List<Finding> removed = checker.check(inputsOf(d.schema()), List.of(), CompatibilityMode.NONE,
                    pair -> spec.positions().of(gone));
            changes.add(new PlannedChange(new FlowVersionAddress(d.flow(), d.version()), Action.DELETE,
                    EnumSet.of(ActionReason.REMOVED_FROM_SPEC), removed, guards.violations(d), null, null, null, VersionGuards.NONE,
                    guards.deletionWarnings(d)));
        }
        changes.sort(Comparator.comparing(PlannedChange::address));
        return new Plan(Plan.FORMAT_VERSION, spec.project(), environment,
                state == null ? null : state.lineage(), state == null ? 0 : state.serial(), changes, targets, owners(spec));
    }

    /**
     * A rename: compared with what was recorded under the old name (so a move plus a breaking change is
     * still blocked), redeployed only when something else changed too; a tombstoned new name is refused.
     */
    private PlannedChange moved(Spec spec, PlannedChange asUpdate, FlowVersionAddress from, Tombstone tombstone) {
        Set<ActionReason> reasons = EnumSet.of(ActionReason.MOVED);
        reasons.addAll(asUpdate.reasons());
        List<CompatibilityViolation> violations = new ArrayList<>(asUpdate.violations());
        FlowVersionAddress to = asUpdate.address();
        if (tombstone != null) {
            violations.add(new CompatibilityViolation(to.toString(), VERSION_TOMBSTONED,
                    to + " was deleted on " + deletionDate(tombstone) + " and a deleted version's name is never reused,"
                            + " since callers may still hold its old contract",
                    "move " + from + " to another name", spec.positions().of(to)));
        }
        return new PlannedChange(to, Action.MOVE, reasons, asUpdate.schemaChanges(), violations, asUpdate.digest(),
                asUpdate.action() == Action.UPDATE ? asUpdate.deployment() : null, from);
    }

    /** {@code apply --replace}: the version is deployed again whether or not it changed. */
    private static PlannedChange replaced(PlannedChange asUpdate, Supplier<PlannedDeployment> deployment) {
        Set<ActionReason> reasons = EnumSet.of(ActionReason.REPLACE_REQUESTED);
        reasons.addAll(asUpdate.reasons());
        return new PlannedChange(asUpdate.address(), Action.REPLACE, reasons, asUpdate.schemaChanges(), asUpdate.violations(),
                asUpdate.digest(), asUpdate.deployment() != null ? asUpdate.deployment() : deployment.get());
    }

    /** Each flow's owner, when the spec is split across team files or names owners: the plan is then grouped by them. */
    private static Map<String, String> owners(Spec spec) {
        Map<String, String> owners = new java.util.TreeMap<>();
        if (!spec.groupsByOwner()) return owners;
        for (String flow : spec.flows().keySet()) {
            String owner = spec.ownerOf(flow);
            if (owner != null) owners.put(flow, owner);
        }
        return owners;
    }

    /** A version whose recorded protection or deprecation changed is updated in state, even when nothing else did. */
    private static PlannedChange withGuardChanges(PlannedChange change, Set<ActionReason> guardReasons,
                                                  Supplier<PlannedDeployment> deployment) {
        if (guardReasons.isEmpty()) return change;
        Set<ActionReason> reasons = EnumSet.copyOf(guardReasons);
        reasons.addAll(change.reasons());
        // A move or a replace stays one (a move without other changes deploys nothing); a no-op becomes a state-only update.
        Action action = change.action() == Action.NO_OP ? Action.UPDATE : change.action();
        PlannedDeployment d = change.deployment() != null || action == Action.MOVE ? change.deployment() : deployment.get();
        return new PlannedChange(change.address(), action, reasons, change.schemaChanges(), change.violations(), change.digest(), d,
                change.movedFrom());
    }

    private PlannedChange create(Spec spec, VersionSpec v, VersionDigest digest, PlannedDeployment deployment, Tombstone tombstone) {
        List<Finding> inputs = checker.check(List.of(), v.inputs(), CompatibilityMode.NONE, locator(spec, v));
        List<CompatibilityViolation> violations = new ArrayList<>();
        if (tombstone != null) {
            violations.add(new CompatibilityViolation(v.address().toString(), VERSION_TOMBSTONED,
                    v.address() + " was deleted on " + deletionDate(tombstone) + " and a deleted version is never re-created,"
                            + " since callers may still hold its old contract",
                    "publish it under a new version name, e.g. " + nextVersion(spec, v.flow()), spec.positions().of(v.address())));
        }
        return new PlannedChange(v.address(), Action.CREATE, EnumSet.of(ActionReason.NEW_VERSION), inputs, violations, digest,
                deployment);
    }

    /** "2026-03-14 09:30 UTC": a tombstone is read by people, so minutes are precise enough. */
    static String deletionDate(Tombstone tombstone) {
        return tombstone.deletedAt() == null ? "an unrecorded date" : DELETED_AT.format(tombstone.deletedAt());
    }

    private PlannedChange update(Spec spec, VersionSpec v, VersionDigest digest, Supplier<PlannedDeployment> deployment,
                                 DeployedVersion current, boolean missing) {
        Set<ActionReason> reasons = EnumSet.noneOf(ActionReason.class);
        if (missing) reasons.add(ActionReason.MISSING_FROM_ENGINE);
        if (!digest.sourceHash().equals(current.sourceHash())) reasons.add(ActionReason.SOURCE_CHANGED);
        if (!java.util.Objects.equals(digest.definitionHash(), current.definitionHash())) reasons.add(ActionReason.DEFINITION_CHANGED);
        if (!digest.engineSettingsHash().equals(current.engineSettingsHash())) reasons.add(ActionReason.ENGINE_SETTINGS_CHANGED);
        CanonicalJson schema = CanonicalJson.of(SchemaJson.toJson(v.inputs()));
        if (!schema.equals(current.schema()) && !withoutDescriptions(schema).equals(withoutDescriptions(current.schema()))) {
            reasons.add(ActionReason.SCHEMA_CHANGED);
        }
        CompatibilityMode mode = spec.compatibilityOf(v.flow());
        if (!reasons.contains(ActionReason.SCHEMA_CHANGED)) {
            return reasons.isEmpty() ? new PlannedChange(v.address(), Action.NO_OP, reasons, List.of(), List.of(), digest)
                    : new PlannedChange(v.address(), Action.UPDATE, reasons, List.of(), List.of(), digest, deployment.get());
        }
        List<Finding> findings = checker.check(inputsOf(current.schema()), v.inputs(), mode, locator(spec, v));
        List<CompatibilityViolation> violations = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (Finding f : findings) {
            if (f.severity() == Severity.BREAKING && reported.add(f.path() + " " + f.ruleId())) {
                violations.add(new CompatibilityViolation(v.address() + ".inputs." + f.path(), f.ruleId(),
                        f.message() + " (" + mode.id() + " compatibility)", fix(spec, v), f.position()));
            }
        }
        violations.addAll(transitive(spec, v, current, mode, reported));
        return new PlannedChange(v.address(), Action.UPDATE, reasons, findings, violations, digest, deployment.get());
    }

    /**
     * Breaking changes against every older schema the version was deployed with: callers of any of
     * them may still be calling, so removing an input and re-adding its name with another type is caught.
     */
    private List<CompatibilityViolation> transitive(Spec spec, VersionSpec v, DeployedVersion current, CompatibilityMode mode,
                                                    Set<String> reported) {
        List<CompatibilityViolation> out = new ArrayList<>();
        List<CanonicalJson> history = current.schemaHistory();
        for (int i = history.size() - 1; i >= 0; i--) {
            CanonicalJson older = history.get(i);
            for (Finding f : checker.check(inputsOf(older), v.inputs(), mode, locator(spec, v))) {
                if (f.severity() != Severity.BREAKING || !reported.add(f.path() + " " + f.ruleId())) continue;
                out.add(new CompatibilityViolation(v.address() + ".inputs." + f.path(), f.ruleId(),
                        f.message() + ", compared with the schema of deployment " + (i + 1) + " of " + (history.size() + 1) + " of "
                                + v.address() + ", whose callers may still call it (" + mode.id() + " compatibility)", fix(spec, v),
                        f.position()));
            }
        }
        return out;
    }

    /**
     * Places a finding of version {@code v} in flows.yaml: at the first enum value the desired side adds,
     * else at the input or field (a removed one at its nearest ancestor still written).
     */
    private static CompatibilityChecker.Locator locator(Spec spec, VersionSpec v) {
        return pair -> {
            if (pair.kept() && pair.beforeType() instanceof dev.flowctl.spec.TypeRef.EnumType before
                    && pair.afterType() instanceof dev.flowctl.spec.TypeRef.EnumType after) {
                for (String value : after.values()) {
                    if (!before.values().contains(value)) return spec.positions().ofEnumValue(v.address(), pair.path(), value);
                }
            }
            return spec.positions().of(v.address(), pair.path());
        };
    }

    /** The way forward from a breaking change: there is no override, only a new version. */
    private static String fix(Spec spec, VersionSpec v) {
        return "publish the change as a new version (e.g. " + nextVersion(spec, v.flow()) + "), move callers to it, then delete "
                + v.address();
    }

    private static List<InputSpec> inputsOf(CanonicalJson schema) {
        return schema == null ? List.of() : SchemaJson.fromJson(schema.tree());
    }

    /** Descriptions document an input; changing one alone redeploys nothing. */
    private static JsonNode withoutDescriptions(CanonicalJson schema) {
        if (schema == null) return null;
        JsonNode copy = schema.tree();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("description");
            o.forEach(Planner::strip);
        } else if (node instanceof ArrayNode a) {
            a.forEach(Planner::strip);
        }
    }

    /** The name to suggest for a new version: one past the highest vN, or flow@<version>_2. */
    static String nextVersion(Spec spec, String flow) {
        int max = 0;
        var f = spec.flows().get(flow);
        if (f != null) {
            for (String name : f.versions().keySet()) {
                var m = NUMBERED_VERSION.matcher(name);
                if (m.matches()) max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        return flow + "@v" + (max + 1);
    }
}
