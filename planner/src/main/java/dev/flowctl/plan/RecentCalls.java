package dev.flowctl.plan;

import java.time.Instant;

/**
 * How often the gateway saw one flow version called within the window plan looks at (from the
 * call log {@code flowctl serve} keeps beside state), for the warning on deleting it.
 *
 * @param count      calls within the window
 * @param lastCalled the latest call
 * @param days       the window, in days
 */
public record RecentCalls(long count, Instant lastCalled, int days) {
}
