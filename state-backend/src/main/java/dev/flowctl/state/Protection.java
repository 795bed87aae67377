package dev.flowctl.state;

/**
 * Where an applied {@code protect: true} was set for a deployed version. State records it on apply,
 * so a change that removes the flag and the flow (or version) together is still refused: the flag
 * must be removed in an earlier, applied change.
 */
public enum Protection {
    /** {@code protect: true} on the flow: deleting the whole flow is refused. */
    FLOW,
    /** {@code protect: true} on the version: deleting the version is refused. */
    VERSION
}
