package dev.flowctl.plan;

import dev.flowctl.spec.SourcePosition;

/**
 * A change that would break existing callers of a deployed version; it blocks the plan.
 *
 * @param path     where, e.g. {@code fleet_features@v1.inputs.months}
 * @param ruleId   the stable rule ID, e.g. {@code INPUT_ADDED_REQUIRED}
 * @param message  what changed
 * @param fix      how to proceed
 * @param position where in flows.yaml (the input, field, enum value or version), or null when nothing of it is written
 */
public record CompatibilityViolation(String path, String ruleId, String message, String fix, SourcePosition position) {
    /** A violation not placed in flows.yaml. */
    public CompatibilityViolation(String path, String ruleId, String message, String fix) {
        this(path, ruleId, message, fix, null);
    }
}
