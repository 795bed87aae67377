package dev.flowctl.state;

/** A state as read, with the opaque token ({@code etag}) a conditional write must present. */
public record StoredState(StateDocument document, String etag) {
}
