package dev.flowctl.plan;

import dev.flowctl.compat.Finding;
import dev.flowctl.spec.FlowVersionAddress;
import java.util.List;
import java.util.Set;

/**
 * One flow version in a plan: what happens, why, the input-level changes and any violation.
 *
 * @param digest the desired content hashes (null for a delete)
 */
public record PlannedChange(FlowVersionAddress address, Action action, Set<ActionReason> reasons,
                            List<Finding> schemaChanges, List<CompatibilityViolation> violations,
                            VersionDigest digest) {
    public PlannedChange {
        reasons = Set.copyOf(reasons);
        schemaChanges = List.copyOf(schemaChanges);
        violations = List.copyOf(violations);
    }

    public boolean blocked() {
        return !violations.isEmpty();
    }
}
