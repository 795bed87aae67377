package dev.flowctl.compat;

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
}
