package dev.flowctl.state;

/**
 * A state as read, with the opaque token ({@code etag}) a conditional write must present.
 *
 * @param keptSerial the highest serial the backend's history holds, -1 when it keeps none or did not look; higher
 *                   than the document's own serial when an older version was put back (a restore or a rollback)
 */
public record StoredState(StateDocument document, String etag, long keptSerial) {
    public StoredState(StateDocument document, String etag) {
        this(document, etag, -1);
    }

    /** True when history already holds a newer serial than this state: an older version was put back. */
    public boolean restored() {
        return keptSerial > document.serial();
    }

    /**
     * What the next write builds on: after a restore its serial is raised to the newest kept one, so
     * writes continue above every kept version and never replace one, and a plan saved before the
     * restore can never match a serial written after it.
     */
    public StateDocument base() {
        return restored() ? document.withSerial(keptSerial) : document;
    }

    /** One sentence for plan and apply when {@link #restored()}; {@code location} names the state. */
    public String restoredNotice(String location) {
        return "state at " + location + " has serial " + document.serial() + ", older than the newest kept version (serial "
                + keptSerial + "), so it was restored or rolled back; the next write records it as serial " + (keptSerial + 1)
                + " and every kept version stays in flowctl state history.";
    }
}
