package dev.flowctl.plan;

/**
 * A change that would break existing callers of a deployed version; it blocks the plan.
 *
 * @param path    where, e.g. {@code fleet_features@v1.inputs.months}
 * @param ruleId  the stable rule ID, e.g. {@code INPUT_ADDED_REQUIRED}
 * @param message what changed
 * @param fix     how to proceed
 */
public record CompatibilityViolation(String path, String ruleId, String message, String fix) {
}
