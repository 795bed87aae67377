package dev.flowctl.plan;

import dev.flowctl.spec.SourcePosition;

/**
 * Something a reviewer should see that does not block the plan: a deprecated version, a deletion
 * before its sunset or of a version callers still call.
 *
 * @param path     the flow version it concerns, e.g. {@code fleet_features@v1}
 * @param code     a stable ID, e.g. {@code VERSION_DEPRECATED}
 * @param message  one sentence for people
 * @param position where in flows.yaml, or null (a deleted version is no longer written there)
 */
public record PlanWarning(String path, String code, String message, SourcePosition position) {
    /** The version is deprecated (its {@code deprecated:} block says what to use instead and until when). */
    public static final String VERSION_DEPRECATED = "VERSION_DEPRECATED";
    /** The version is deleted before the sunset date its deprecation promised callers. */
    public static final String DELETE_BEFORE_SUNSET = "DELETE_BEFORE_SUNSET";
    /** The gateway saw the version called recently (its call log, when present). */
    public static final String DELETE_RECENTLY_CALLED = "DELETE_RECENTLY_CALLED";
}
