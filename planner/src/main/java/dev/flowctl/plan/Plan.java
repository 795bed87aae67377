package dev.flowctl.plan;

import dev.flowctl.spec.Targets;
import java.util.List;

/**
 * The serialisable result of planning: every renderer (text, Markdown, JSON) reads only this.
 *
 * @param lineage the lineage of the state planned against (null: no state yet)
 * @param serial  the serial of the state planned against (0: no state yet)
 * @param targets the --target/--exclude patterns the plan was limited to ({@link Targets#ALL}: a full plan)
 */
public record Plan(int formatVersion, String project, String environment, String lineage, long serial,
                   List<PlannedChange> changes, Targets targets) {
    public static final int FORMAT_VERSION = 1;

    public Plan {
        changes = List.copyOf(changes);
        if (targets == null) targets = Targets.ALL;
    }

    /** A full plan: every version of flows.yaml and state. */
    public Plan(int formatVersion, String project, String environment, String lineage, long serial, List<PlannedChange> changes) {
        this(formatVersion, project, environment, lineage, serial, changes, Targets.ALL);
    }

    /** A partial plan leaves out versions: applying it changes only those it lists, and it must say so. */
    public boolean partial() {
        return !targets.all();
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

    /** Only the entries that change something. */
    public List<PlannedChange> actionable() {
        return changes.stream().filter(c -> c.action() != Action.NO_OP).toList();
    }
}
