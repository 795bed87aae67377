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

    /** Removes the lock with this ID, whoever holds it; fails if another lock is in place. */
    default void forceUnlock(String lockId) {
        LockInfo held = currentLock().orElseThrow(() -> new StateException("state is not locked; nothing to unlock."));
        if (!held.id().equals(lockId)) {
            throw new StateException("the state lock has ID " + held.id() + ", not " + lockId + "; check the ID and try again.");
        }
        unlock(lockId);
    }
}
