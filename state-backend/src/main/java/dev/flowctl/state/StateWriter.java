package dev.flowctl.state;

/** Writes state only if it is still what was read. */
public interface StateWriter {
    /**
     * Replaces the state if its current token is {@code expectedEtag} (null: only if none
     * exists yet) and returns the new token.
     *
     * @throws StateConflictException when the state changed since it was read
     */
    String write(StateDocument document, String expectedEtag);
}
