package dev.flowctl.plan;

import dev.flowctl.compat.Finding;
import dev.flowctl.spec.FlowVersionAddress;
import java.util.List;
import java.util.Set;

/**
 * One flow version in a plan: what happens, why, the input-level changes and any violation.
 *
 * @param digest     the desired content hashes (null for a delete)
 * @param deployment what apply sends for a create or update (null for a delete or no-op)
 * @param movedFrom  for a {@link Action#MOVE}, the address state records it under now; else null
 * @param guards     the protection and deprecation apply records for the version (NONE for a delete)
 * @param warnings   what a reviewer should see that does not block the plan
 */
public record PlannedChange(FlowVersionAddress address, Action action, Set<ActionReason> reasons,
                            List<Finding> schemaChanges, List<CompatibilityViolation> violations,
                            VersionDigest digest, PlannedDeployment deployment, FlowVersionAddress movedFrom,
                            VersionGuards guards, List<PlanWarning> warnings) {
    public PlannedChange {
        reasons = Set.copyOf(reasons);
        schemaChanges = List.copyOf(schemaChanges);
        violations = List.copyOf(violations);
        guards = guards == null ? VersionGuards.NONE : guards;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A change without guards or warnings (the planner adds them after). */
    public PlannedChange(FlowVersionAddress address, Action action, Set<ActionReason> reasons,
                         List<Finding> schemaChanges, List<CompatibilityViolation> violations, VersionDigest digest,
                         PlannedDeployment deployment, FlowVersionAddress movedFrom) {
        this(address, action, reasons, schemaChanges, violations, digest, deployment, movedFrom, VersionGuards.NONE, List.of());
    }

    /** A change that is not a move. */
    public PlannedChange(FlowVersionAddress address, Action action, Set<ActionReason> reasons,
                         List<Finding> schemaChanges, List<CompatibilityViolation> violations, VersionDigest digest,
                         PlannedDeployment deployment) {
        this(address, action, reasons, schemaChanges, violations, digest, deployment, null);
    }

    /** A change that deploys nothing: a delete or a no-op (a create or update without it cannot be applied). */
    public PlannedChange(FlowVersionAddress address, Action action, Set<ActionReason> reasons,
                         List<Finding> schemaChanges, List<CompatibilityViolation> violations, VersionDigest digest) {
        this(address, action, reasons, schemaChanges, violations, digest, null);
    }

    /** The same change with the guards apply records and the warnings plan shows. */
    public PlannedChange withGuards(VersionGuards newGuards, List<PlanWarning> newWarnings) {
        return new PlannedChange(address, action, reasons, schemaChanges, violations, digest, deployment, movedFrom, newGuards, newWarnings);
    }

    /** An update that only records guards in state: nothing is deployed to the engine. */
    public boolean stateOnly() {
        return action == Action.UPDATE && !reasons.isEmpty() && reasons.stream().allMatch(ActionReason::stateOnly);
    }

    public boolean blocked() {
        return !violations.isEmpty();
    }
}
