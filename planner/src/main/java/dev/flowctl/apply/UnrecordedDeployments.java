package dev.flowctl.apply;

import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.LiveFlowVersion;
import dev.flowctl.port.Owner;
import dev.flowctl.state.StateDocument;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Deployments the engine runs for an owner while state records none. A new state beside a live
 * engine means the state is the wrong one (a mistyped {@code --state}, another environment's file)
 * or was lost; applying it would try to create every version again. Plan and apply refuse once,
 * before anything runs, instead of letting the engine refuse version by version.
 */
public final class UnrecordedDeployments {
    private static final int NAMED = 5;

    private UnrecordedDeployments() {
    }

    /** The owner's live deployments when state records no version; empty otherwise, or when the engine cannot list. */
    public static List<LiveFlowVersion> find(FlowEngine engine, Owner owner, StateDocument state) {
        if (!isNew(state) || !engine.canList()) return List.of();
        return engine.list(owner);
    }

    /** True when state records no deployed version (none was ever applied, or it is the wrong file). */
    public static boolean isNew(StateDocument state) {
        return state == null || state.versions().isEmpty();
    }

    /** One sentence: what the engine runs, which state records none of it, and the two ways on. */
    public static String message(List<LiveFlowVersion> live, Owner owner, String engineType, String stateLocation) {
        String named = live.stream().limit(NAMED).map(l -> l.address().toString()).collect(Collectors.joining(", "))
                + (live.size() > NAMED ? " and " + (live.size() - NAMED) + " more" : "");
        LiveFlowVersion first = live.get(0);
        return "state at " + stateLocation + " records no deployments, but the " + engineType + " engine already runs "
                + live.size() + " of " + owner.describe() + " (" + named + "), so this is not the state that deployed them; "
                + "point --state (or state: in flows.yaml) at that state, or adopt each one with 'flowctl import "
                + first.address() + " " + first.engineRef() + "'.";
    }
}
