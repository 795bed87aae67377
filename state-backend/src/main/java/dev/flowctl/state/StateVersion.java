package dev.flowctl.state;

import java.time.Instant;

/**
 * One kept version of the state, newest first in a history listing.
 *
 * @param id      what {@code state show --version} takes (an S3 version ID, or the serial for local state)
 * @param serial  the state serial of that version, -1 when unknown
 * @param who     user@host that wrote it, when recorded
 * @param current true for the version in force now
 */
public record StateVersion(String id, long serial, Instant written, String who, boolean current) {
}
