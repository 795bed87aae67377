package dev.flowctl.compat;

/**
 * What a rule found on one pair, with its severity for each direction of compatibility:
 * {@code backward} for callers of the deployed schema calling the new deployment, and
 * {@code forward} for callers of the new schema reaching a deployment that still runs the old.
 */
public record Judgement(String before, String after, String message, Severity backward, Severity forward) {
}
