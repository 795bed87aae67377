package dev.flowctl.compat;

import dev.flowctl.spec.SourcePosition;

/**
 * One change between two schemas, judged under a mode.
 *
 * @param path     the input path inside the version, e.g. {@code months}
 * @param before   the deployed value, or null when the input was added
 * @param after    the desired value, or null when the input was removed
 * @param position where in flows.yaml the change is written (for a removed input, its nearest ancestor
 *                 still written), or null when nothing of it is
 */
public record Finding(String path, String ruleId, Severity severity, String before, String after, String message,
                      SourcePosition position) {
    /** A finding not placed in flows.yaml (yet): the planner places it. */
    public Finding(String path, String ruleId, Severity severity, String before, String after, String message) {
        this(path, ruleId, severity, before, after, message, null);
    }

    /** This finding, placed at {@code where}. */
    public Finding at(SourcePosition where) {
        return new Finding(path, ruleId, severity, before, after, message, where);
    }
}
