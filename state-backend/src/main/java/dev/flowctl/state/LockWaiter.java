package dev.flowctl.state;

import java.time.Duration;

/** Takes a lock, retrying with capped exponential backoff until a timeout (zero: one try). */
public final class LockWaiter {
    private LockWaiter() {
    }

    public static void acquire(StateLocker locker, LockInfo request, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long sleepMs = 250;
        while (true) {
            try {
                locker.lock(request);
                return;
            } catch (StateLockedException e) {
                long left = deadline - System.nanoTime();
                if (left <= 0) throw e;
                try {
                    Thread.sleep(Math.min(sleepMs, Math.max(1, left / 1_000_000)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                sleepMs = Math.min(sleepMs * 2, 5_000);
            }
        }
    }
}
