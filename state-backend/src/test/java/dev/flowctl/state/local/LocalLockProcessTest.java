package dev.flowctl.state.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.state.LockInfo;
import dev.flowctl.state.StateException;
import dev.flowctl.state.StateLockedException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local lock across real processes: held while its process lives, gone the moment it is killed. */
class LocalLockProcessTest {
    @TempDir
    Path dir;

    @Test
    void aLockHeldByAnotherProcessIsNamedAndFreedWhenThatProcessIsKilled() throws Exception {
        Path state = dir.resolve("state.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolderMain.class.getName(),
                state.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String line;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
                line = out.readLine();
            }
            assertTrue(line != null && line.startsWith("locked "), "the holder took the lock: " + line);
            String id = line.substring("locked ".length());

            LocalStateBackend here = new LocalStateBackend(state);
            StateLockedException held = assertThrows(StateLockedException.class, () -> here.lock(LockInfo.forThisProcess("apply", "test")));
            assertEquals(id, held.holder().id());
            StateException live = assertThrows(StateException.class, () -> here.forceUnlock(id));
            assertTrue(live.getMessage().endsWith("a local lock ends with its process, so stop that run instead."), live.getMessage());

            holder.destroyForcibly(); // SIGKILL: no shutdown hook, no unlock
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
            assertTrue(Files.exists(dir.resolve("state.json.lock")), "the lock file is left behind");
            assertEquals(Optional.empty(), here.currentLock(), "but a lock file whose OS lock is free is no lock");
            LockInfo next = LockInfo.forThisProcess("apply", "test");
            here.lock(next); // at once: no force-unlock, no waiting
            assertEquals(Optional.of(next), here.currentLock());
            here.unlock(next.id());
        } finally {
            holder.destroyForcibly();
        }
    }
}
