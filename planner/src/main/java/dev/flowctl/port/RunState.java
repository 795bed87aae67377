package dev.flowctl.port;

/** Where a run is: the states every engine maps its own to. */
public enum RunState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    /** True once the run has ended and its state can no longer change. */
    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
