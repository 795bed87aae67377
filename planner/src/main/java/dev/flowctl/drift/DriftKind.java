package dev.flowctl.drift;

import dev.flowctl.errors.ErrorCode;

/** How the live engine differs from state for one flow version. */
public enum DriftKind {
    /** In state, but the engine no longer has it. */
    MISSING("missing", "in state but not live in the engine", ErrorCode.DRIFT_MISSING),
    /** Live, but not as flowctl deployed it. */
    MODIFIED("modified", "live but changed since it was applied", ErrorCode.DRIFT_MODIFIED),
    /** Live and tagged for this project, but not in state. */
    UNMANAGED("unmanaged", "live for this project but not in state", ErrorCode.DRIFT_UNMANAGED);

    private final String label;
    private final String meaning;
    private final ErrorCode code;

    DriftKind(String label, String meaning, ErrorCode code) {
        this.label = label;
        this.meaning = meaning;
        this.code = code;
    }

    /** The stable code of this kind of drift, shown with each entry in every output format. */
    public ErrorCode code() {
        return code;
    }

    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }
}
