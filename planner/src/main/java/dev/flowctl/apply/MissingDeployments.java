package dev.flowctl.apply;

import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.Owner;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.state.StateDocument;
import java.util.HashSet;
import java.util.Set;

/**
 * The flow versions state records as deployed that the engine no longer lists, e.g. a state
 * machine deleted by hand. Apply plans with them so that it deploys them again, which is what
 * {@code flowctl drift} tells the user to do about a missing version.
 */
public final class MissingDeployments {
    private MissingDeployments() {
    }

    /** Empty when nothing was applied yet or the engine cannot list what is live. */
    public static Set<FlowVersionAddress> find(FlowEngine engine, Owner owner, StateDocument state) {
        if (state == null || state.versions().isEmpty() || !engine.canList()) return Set.of();
        Set<FlowVersionAddress> missing = new HashSet<>();
        state.versions().values().forEach(d -> missing.add(new FlowVersionAddress(d.flow(), d.version())));
        engine.list(owner).forEach(l -> missing.remove(l.address()));
        return missing;
    }
}
