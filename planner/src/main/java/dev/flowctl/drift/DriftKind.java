package dev.flowctl.drift;

/** How the live engine differs from state for one flow version. */
public enum DriftKind {
    /** In state, but the engine no longer has it. */
    MISSING("missing", "in state but not live in the engine"),
    /** Live, but not as flowctl deployed it. */
    MODIFIED("modified", "live but changed since it was applied"),
    /** Live and tagged for this project, but not in state. */
    UNMANAGED("unmanaged", "live for this project but not in state");

    private final String label;
    private final String meaning;

    DriftKind(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }
}
