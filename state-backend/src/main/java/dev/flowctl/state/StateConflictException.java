package dev.flowctl.state;

/** The state changed between read and write; nothing was overwritten. */
public class StateConflictException extends StateException {
    public StateConflictException(String message) {
        super(dev.flowctl.errors.ErrorCode.STATE_CONFLICT, message);
    }
}
