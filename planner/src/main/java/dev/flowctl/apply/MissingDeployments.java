package dev.flowctl.apply;

import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.Owner;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.state.StateDocument;
import dev.flowctl.drift.LiveMatch;
import dev.flowctl.port.LiveFlowVersion;
import dev.flowctl.state.DeployedVersion;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
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
        Map<FlowVersionAddress, LiveFlowVersion> live = new LinkedHashMap<>();
        engine.list(owner).forEach(l -> live.put(l.address(), l));
        Set<FlowVersionAddress> missing = new HashSet<>();
        for (DeployedVersion d : state.versions().values()) {
            // by reference first: a moved version is listed under the name it was deployed with
            if (LiveMatch.take(live, d) == null) missing.add(new FlowVersionAddress(d.flow(), d.version()));
        }
        return missing;
    }
}
