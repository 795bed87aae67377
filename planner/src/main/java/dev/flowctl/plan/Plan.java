package dev.flowctl.plan;

import dev.flowctl.spec.Targets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The serialisable result of planning: every renderer (text, Markdown, JSON) reads only this.
 *
 * @param lineage the lineage of the state planned against (null: no state yet)
 * @param serial  the serial of the state planned against (0: no state yet)
 * @param targets the --target/--exclude patterns the plan was limited to ({@link Targets#ALL}: a full plan)
 * @param owners  the owner of each flow that has one, when the spec is split across team files or names
 *                owners (else empty): renderers then group changes by owner
 */
public record Plan(int formatVersion, String project, String environment, String lineage, long serial,
                   List<PlannedChange> changes, Targets targets, Map<String, String> owners) {
    public static final int FORMAT_VERSION = 1;

    public Plan {
        changes = List.copyOf(changes);
        if (targets == null) targets = Targets.ALL;
        owners = owners == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(owners));
    }

    /** A full plan: every version of flows.yaml and state. */
    public Plan(int formatVersion, String project, String environment, String lineage, long serial, List<PlannedChange> changes) {
        this(formatVersion, project, environment, lineage, serial, changes, Targets.ALL, Map.of());
    }

    /** A partial plan leaves out versions: applying it changes only those it lists, and it must say so. */
    public boolean partial() {
        return !targets.all();
    }

    /**
     * Whether renderers group changes by owner: the plan knows owners and its changes belong to more
     * than one (a heading over a single group would only repeat what every change shares).
     */
    public boolean groupedByOwner() {
        return !owners.isEmpty() && actionableByOwner().size() > 1;
    }

    /**
     * The actionable changes by owner, owners in name order and flows without one (a flow deleted from
     * the spec, a root flow that names none) last under {@link #NO_OWNER}; changes keep their order.
     */
    public Map<String, List<PlannedChange>> actionableByOwner() {
        Map<String, List<PlannedChange>> groups = new TreeMap<>(Comparator.comparing((String o) -> o.equals(NO_OWNER)).thenComparing(o -> o));
        for (PlannedChange c : actionable()) {
            groups.computeIfAbsent(owners.getOrDefault(c.address().flow(), NO_OWNER), o -> new ArrayList<>()).add(c);
        }
        return groups;
    }

    /** The group of changes to flows that have no owner. */
    public static final String NO_OWNER = "(no owner)";

    public long count(Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }

    public boolean hasChanges() {
        return changes.stream().anyMatch(c -> c.action() != Action.NO_OP);
    }

    /** A blocked plan has a compatibility violation and can never be applied. */
    public boolean blocked() {
        return changes.stream().anyMatch(PlannedChange::blocked);
    }

    public List<CompatibilityViolation> violations() {
        return changes.stream().flatMap(c -> c.violations().stream()).toList();
    }

    /** Every warning of the plan (deprecated versions, risky deletions), in address order; none blocks it. */
    public List<PlanWarning> warnings() {
        return changes.stream().flatMap(c -> c.warnings().stream()).toList();
    }

    /** Only the entries that change something. */
    public List<PlannedChange> actionable() {
        return changes.stream().filter(c -> c.action() != Action.NO_OP).toList();
    }
}
