package dev.flowctl.state;

import java.util.Optional;

/** The exclusive lock that keeps two applies from interleaving. */
public interface StateLocker {
    /** Takes the lock or throws {@link StateLockedException} naming the holder. */
    void lock(LockInfo request);

    /** Releases the lock if, and only if, it is still the one with this ID. */
    void unlock(String lockId);

    /** The current holder, if any. */
    Optional<LockInfo> currentLock();

    /**
     * Removes the lock with this ID, whoever holds it, and returns what it held; fails if the state
     * is not locked or another lock is in place.
     */
    LockInfo forceUnlock(String lockId);
}
