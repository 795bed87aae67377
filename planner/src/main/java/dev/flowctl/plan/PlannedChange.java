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
 */
public record PlannedChange(FlowVersionAddress address, Action action, Set<ActionReason> reasons,
                            List<Finding> schemaChanges, List<CompatibilityViolation> violations,
                            VersionDigest digest, PlannedDeployment deployment, FlowVersionAddress movedFrom) {
    public PlannedChange {
        reasons = Set.copyOf(reasons);
        schemaChanges = List.copyOf(schemaChanges);
        violations = List.copyOf(violations);
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

    public boolean blocked() {
        return !violations.isEmpty();
    }
}
