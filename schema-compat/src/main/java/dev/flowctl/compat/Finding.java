package dev.flowctl.compat;

/**
 * One change between two schemas, judged under a mode.
 *
 * @param path   the input path inside the version, e.g. {@code months}
 * @param before the deployed value, or null when the input was added
 * @param after  the desired value, or null when the input was removed
 */
public record Finding(String path, String ruleId, Severity severity, String before, String after, String message) {
}
