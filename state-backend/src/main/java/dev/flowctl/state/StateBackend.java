package dev.flowctl.state;

import dev.flowctl.errors.ErrorCode;
/**
 * A complete state backend: reader, writer and locker. Closing it frees what it opened (an S3
 * client's connections); a backend is closed once its command is done.
 */
public interface StateBackend extends StateReader, StateWriter, StateLocker, AutoCloseable {
    /** Where the state lives, for messages: a path or an s3:// URI. */
    String location();

    @Override
    default LockInfo forceUnlock(String lockId) {
        LockInfo held = currentLock().orElseThrow(() -> new StateException(ErrorCode.STATE_LOCK_ID_MISMATCH, "state " + location() + " is not locked; nothing to unlock."));
        if (!held.id().equals(lockId)) throw otherLockId(location(), held, lockId);
        unlock(lockId);
        return held;
    }

    /**
     * Removes the state, if its current token is still {@code expectedEtag}, for {@code flowctl destroy} once
     * every deployment it records is gone; the caller holds the lock. A backend that cannot remove refuses.
     */
    default void remove(String expectedEtag) {
        throw new StateException("state " + location() + " cannot be removed by flowctl; remove it by hand.");
    }

    @Override
    default void close() {
    }

    /** force-unlock was given an ID that is not the held lock's. */
    static StateException otherLockId(String location, LockInfo held, String lockId) {
        return new StateException(ErrorCode.STATE_LOCK_ID_MISMATCH, "the lock on " + location + " has ID " + held.id() + " (held by " + held.who() + " since "
                + held.created() + "), not " + lockId + "; check the ID and run again.");
    }
}
