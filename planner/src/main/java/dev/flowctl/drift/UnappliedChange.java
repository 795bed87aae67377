package dev.flowctl.drift;

import dev.flowctl.plan.Action;
import dev.flowctl.plan.ActionReason;
import dev.flowctl.spec.FlowVersionAddress;
import java.util.Set;

/** A change in flows.yaml that was not applied yet: what plan would do and why. */
public record UnappliedChange(FlowVersionAddress address, Action action, Set<ActionReason> reasons) {
    public UnappliedChange {
        reasons = Set.copyOf(reasons);
    }
}
