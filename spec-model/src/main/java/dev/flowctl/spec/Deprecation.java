package dev.flowctl.spec;

import java.time.LocalDate;

/**
 * A version's {@code deprecated:} block: callers should move off it. Each part is optional (at least
 * one is given); plan warns about it, generated contracts mark it and the gateway tells callers.
 *
 * @param replacement the version of the same flow callers should move to, or null
 * @param sunset      the date after which the version may be deleted, or null
 * @param reason      why, in the author's words, or null
 */
public record Deprecation(String replacement, LocalDate sunset, String reason) {
    /**
     * The gateway's {@code flowctl-deprecated} header value: "replacement=v2; sunset=2027-03-01", or "yes"
     * when neither is given. The reason is free text (maybe not ASCII): it stays in the contract and the log.
     */
    public String headerValue() {
        StringBuilder s = new StringBuilder();
        if (replacement != null) s.append("replacement=").append(replacement);
        if (sunset != null) s.append(s.isEmpty() ? "" : "; ").append("sunset=").append(sunset);
        return s.isEmpty() ? "yes" : s.toString();
    }

    /** For people: "use v2 instead; sunset 2027-03-01; reason: …". */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (replacement != null) s.append("use ").append(replacement).append(" instead");
        if (sunset != null) s.append(s.isEmpty() ? "" : "; ").append("sunset ").append(sunset);
        if (reason != null) s.append(s.isEmpty() ? "" : "; ").append("reason: ").append(reason);
        return s.toString();
    }
}
