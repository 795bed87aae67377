package dev.flowctl.compat;

import dev.flowctl.spec.CompatibilityMode;

/** How much a change matters to callers; ordered, so a verdict is the maximum of its findings. */
public enum Severity {
    /** Nothing a caller can notice. */
    NONE,
    /** A change callers can see but that breaks nobody. */
    INFO,
    /** Breaks nobody's call, but changes behaviour (for example a changed default). */
    WARNING,
    /** Some existing caller stops working: publish a new version instead. */
    BREAKING;

    public static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * A change's severity under a mode, from its severity for old callers ({@code backward}) and
     * for new callers ({@code forward}). {@code none} still lists every change, but at most as
     * information, so nothing ever blocks. It sits here, below the rules and the checker, so that
     * rules can state their worst case without depending on the checker that runs them.
     */
    public static Severity under(CompatibilityMode mode, Severity backward, Severity forward) {
        return switch (mode) {
            case BACKWARD -> backward;
            case FORWARD -> forward;
            case FULL -> max(backward, forward);
            case NONE -> backward == NONE && forward == NONE ? NONE : INFO;
        };
    }
}
