package dev.flowctl.catalog;

import dev.flowctl.state.DeployedVersion;
import dev.flowctl.state.StateDocument;
import dev.flowctl.state.Tombstone;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The versions and tombstones of each state read, grouped by flow once per catalog: looking each
 * flow up by scanning every state (current and kept history) made a 1,000-flow catalog quadratic.
 * Within a flow, entries keep the state's own order. Every state is grouped when this is made, so
 * flows may then be looked up from several threads.
 */
final class ByFlow {
    private record Grouped(Map<String, List<DeployedVersion>> versions, Map<String, List<Tombstone>> tombstones) {
    }

    private final Map<StateDocument, Grouped> states = new IdentityHashMap<>();

    ByFlow(List<EnvironmentState> environments) {
        for (EnvironmentState e : environments) {
            if (e.state() != null) states.put(e.state(), group(e.state()));
            e.history().forEach(h -> states.put(h, group(h)));
        }
    }

    List<DeployedVersion> versions(StateDocument state, String flow) {
        return grouped(state).versions().getOrDefault(flow, List.of());
    }

    List<Tombstone> tombstones(StateDocument state, String flow) {
        return grouped(state).tombstones().getOrDefault(flow, List.of());
    }

    private Grouped grouped(StateDocument state) {
        Grouped g = states.get(state);
        if (g == null) throw new IllegalArgumentException("a state the catalog was not built with");
        return g;
    }

    private static Grouped group(StateDocument s) {
        Map<String, List<DeployedVersion>> versions = new LinkedHashMap<>();
        s.versions().values().forEach(v -> versions.computeIfAbsent(v.flow(), k -> new ArrayList<>()).add(v));
        Map<String, List<Tombstone>> tombstones = new LinkedHashMap<>();
        s.tombstones().values().forEach(t -> tombstones.computeIfAbsent(t.flow(), k -> new ArrayList<>()).add(t));
        return new Grouped(versions, tombstones);
    }
}
