package dev.flowctl.engine.local;

import dev.flowctl.port.RunState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Runs one local run's command and records how it ended, as a process of its own: the local engine
 * starts {@code java -cp … RunSupervisor <run dir> -- <argv…>} detached (in a session of its own where
 * {@code setsid} exists), so a run outlives the flowctl that started it (a gateway restarting, a
 * {@code flowctl run} that returned) and its exit code is still recorded. Only the parent of a process
 * can learn its exit code, which is why a process sits between flowctl and the command; it needs
 * nothing but the JDK, the engine and the state-backend classes (see {@link RunFiles}).
 *
 * <p>The command inherits the supervisor's working directory, environment, stdout and stderr (the run's
 * log); its stdin is the run's input. The supervisor checks for a cancel before starting the command and
 * again once its pid is recorded, so a cancel that lands between the two is never lost.
 */
public final class RunSupervisor {
    /** How much of the log's end is read for a failed run's last line. */
    private static final int TAIL_BYTES = 64 * 1024;

    private RunSupervisor() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 3 || !args[1].equals("--")) {
            // Only the local engine starts a supervisor: a wrong call is flowctl's bug, not the user's.
            throw new IllegalArgumentException("usage: RunSupervisor <run dir> -- <command> [args…]");
        }
        Path runDir = Path.of(args[0]);
        List<String> argv = Arrays.asList(args).subList(2, args.length);
        System.exit(supervise(runDir, argv));
    }

    static int supervise(Path runDir, List<String> argv) throws IOException, InterruptedException {
        RunFiles.Status queued = RunFiles.readStatus(runDir);
        if (cancelled(runDir)) {
            RunFiles.writeStatus(runDir, queued.ended(RunState.CANCELLED, null, "cancelled before it started."));
            return 0;
        }
        Process p;
        try {
            p = new ProcessBuilder(argv)
                    .redirectInput(runDir.resolve(RunFiles.INPUT).toFile())
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            RunFiles.writeStatus(runDir, new RunFiles.Status(RunState.FAILED, Instant.now(), Instant.now(), null,
                    "the run command " + argv.get(0) + " could not be started (" + e.getMessage()
                            + "); check the engine's run: setting and that the program is installed.", null, null));
            return 0;
        }
        Instant started = Instant.now();
        RunFiles.Status running = new RunFiles.Status(RunState.RUNNING, started, null, null, null, p.pid(),
                p.info().startInstant().orElse(null));
        RunFiles.writeStatus(runDir, running);
        if (cancelled(runDir)) killTree(p.toHandle());
        int code = p.waitFor();
        if (cancelled(runDir)) {
            RunFiles.writeStatus(runDir, running.ended(RunState.CANCELLED, code, "cancelled."));
        } else if (code == 0) {
            RunFiles.writeStatus(runDir, running.ended(RunState.SUCCEEDED, 0, null));
        } else {
            RunFiles.writeStatus(runDir, running.ended(RunState.FAILED, code, failure(runDir, code)));
        }
        return 0;
    }

    /** Why the run failed, in one sentence: the exit code (or signal) and the log's last line. */
    private static String failure(Path runDir, int code) {
        String how = code > 128 ? "was killed by signal " + (code - 128) : "exited with code " + code;
        Optional<String> last = lastLine(runDir.resolve(RunFiles.LOG));
        return "the run command " + how + last.map(l -> " (last line of its log: " + l + ")").orElse("") + ".";
    }

    /** The log's last non-blank line, read from its end: a run may log gigabytes. */
    private static Optional<String> lastLine(Path log) {
        try (SeekableByteChannel ch = Files.newByteChannel(log)) {
            long size = ch.size();
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size, TAIL_BYTES));
            ch.position(size - tail.capacity());
            while (tail.hasRemaining() && ch.read(tail) >= 0) {
                // read to the end
            }
            List<String> lines = new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8).lines().toList();
            for (int i = lines.size() - 1; i >= 0; i--) {
                String l = lines.get(i).strip();
                if (!l.isEmpty()) return Optional.of(l.length() > 200 ? l.substring(0, 200) + "…" : l);
            }
        } catch (IOException unreadable) {
            // the exit code alone still says that it failed
        }
        return Optional.empty();
    }

    static boolean cancelled(Path runDir) {
        return Files.exists(runDir.resolve(RunFiles.CANCEL));
    }

    /** Kills a process and everything it started; the children first, while they can still be found through it. */
    static void killTree(ProcessHandle process) {
        process.descendants().toList().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
