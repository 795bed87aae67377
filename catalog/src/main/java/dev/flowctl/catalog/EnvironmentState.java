package dev.flowctl.catalog;

import dev.flowctl.state.StateDocument;
import java.util.List;

/**
 * One environment's state as the command read it, for the catalog.
 *
 * @param state   the applied state; null when nothing was applied yet or it could not be read
 * @param problem why the state could not be read; null when it was
 * @param history earlier states, oldest first (empty when the backend keeps none), for the timeline
 * @param historyComplete whether {@code history} (then the current state) reaches back to the first state written, so
 *                        that a version first seen in it was created there rather than deployed before the record
 */
public record EnvironmentState(String name, String location, StateDocument state, String problem, List<StateDocument> history,
                               boolean historyComplete) {
    public EnvironmentState {
        history = List.copyOf(history);
    }

    public static EnvironmentState unreadable(String name, String location, String problem) {
        return new EnvironmentState(name, location, null, problem, List.of(), false);
    }
}
