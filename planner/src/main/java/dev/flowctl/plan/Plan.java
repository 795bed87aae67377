package dev.flowctl.plan;

import java.util.List;

/**
 * The serialisable result of planning: every renderer (text, Markdown, JSON) reads only this.
 *
 * @param lineage the lineage of the state planned against (null: no state yet)
 * @param serial  the serial of the state planned against (0: no state yet)
 */
public record Plan(int formatVersion, String project, String environment, String lineage, long serial,
                   List<PlannedChange> changes) {
    public static final int FORMAT_VERSION = 1;

    public Plan {
        changes = List.copyOf(changes);
    }

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
