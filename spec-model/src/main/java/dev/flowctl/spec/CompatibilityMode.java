package dev.flowctl.spec;

import java.util.Locale;

/** Which callers a schema change must keep working, as in schema registries. */
public enum CompatibilityMode {
    /** Every call that worked against the deployed version still works (the default). */
    BACKWARD,
    /** A caller built against the new schema still works against the deployed version. */
    FORWARD,
    /** Both backward and forward. */
    FULL,
    /** No checks: any change is allowed. */
    NONE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CompatibilityMode fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
