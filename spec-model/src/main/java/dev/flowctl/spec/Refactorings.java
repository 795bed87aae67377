package dev.flowctl.spec;

import java.util.List;

/**
 * flows.yaml's {@code moved:} and {@code removed:} entries: renames and forgets that change only
 * what state records, never what the engine runs. Checked against the spec by the parser, against
 * state by the planner.
 */
public record Refactorings(List<Moved> moved, List<Removed> removed) {
    public static final Refactorings NONE = new Refactorings(List.of(), List.of());

    public Refactorings {
        moved = List.copyOf(moved);
        removed = List.copyOf(removed);
    }

    /**
     * {@code from} was renamed {@code to}: both {@code flow@version}, or both a flow name for every version of it.
     *
     * @param position where the entry is written, for the planner's errors
     */
    public record Moved(String from, String to, SourcePosition position) {
        public boolean wholeFlow() {
            return from.indexOf('@') < 0;
        }

        /** The address {@code a} (one of {@code from}'s) is moved to, or null when this entry does not move it. */
        public FlowVersionAddress target(FlowVersionAddress a) {
            if (wholeFlow()) return a.flow().equals(from) ? new FlowVersionAddress(to, a.version()) : null;
            return a.toString().equals(from) ? FlowVersionAddress.parse(to) : null;
        }
    }

    /** Forget {@code target} ({@code flow@version}, or a flow name for all its versions) without deleting it from the engine. */
    public record Removed(String target, SourcePosition position) {
        public boolean covers(FlowVersionAddress a) {
            return target.indexOf('@') < 0 ? a.flow().equals(target) : a.toString().equals(target);
        }
    }
}
