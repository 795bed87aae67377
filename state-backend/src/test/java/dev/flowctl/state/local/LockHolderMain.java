package dev.flowctl.state.local;

import dev.flowctl.state.LockInfo;
import java.nio.file.Path;

/** A process that takes the local state lock, says so on stdout, and waits to be killed. */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LockInfo lock = LockInfo.forThisProcess("apply", "test");
        new LocalStateBackend(Path.of(args[0])).lock(lock);
        System.out.println("locked " + lock.id());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
