package dev.flowctl.engine.command;

import dev.flowctl.port.EngineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one command (an argument vector, no shell) with a timeout, its stdout and stderr captured to temporary files
 * (no reader threads, no pipe that can fill up), and returns what it printed.
 */
final class ProcessRunner {
    /** What a finished command printed; {@code exitCode} is -1 after a timeout. */
    record Outcome(int exitCode, String stdout, String stderr, boolean timedOut) {
        boolean ok() {
            return exitCode == 0 && !timedOut;
        }

        /** The last lines of stdout and stderr, for an error message. */
        String tail(int lines) {
            StringBuilder b = new StringBuilder();
            appendTail(b, "stdout", stdout, lines);
            appendTail(b, "stderr", stderr, lines);
            return b.length() == 0 ? "  (no output)" : b.toString();
        }

        private static void appendTail(StringBuilder b, String name, String text, int lines) {
            if (text.isBlank()) return;
            List<String> all = text.lines().toList();
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            b.append("  --- ").append(name).append(all.size() > lines ? " (last " + lines + " lines)" : "").append(" ---\n");
            last.forEach(l -> b.append("  ").append(l).append('\n'));
        }
    }

    /** --debug shows every command run, where, and how it ended; a module below the cli logs, it never prints. */
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);

    private final Path workDir;

    ProcessRunner(Path workDir) {
        this.workDir = workDir;
    }

    /** Runs {@code argv} as it is (no shell reads it: see {@link CommandLineTemplate}), stdin empty. */
    Outcome run(List<String> argv, Map<String, String> env, Duration timeout) {
        return run(argv, env, timeout, null);
    }

    /** The same with {@code stdin} (null: none) as the command's standard input. */
    Outcome run(List<String> argv, Map<String, String> env, Duration timeout, byte[] stdin) {
        String shown = CommandLineTemplate.display(argv);
        Path out = null;
        Path err = null;
        Path in = null;
        Process p = null;
        try {
            if (stdin != null) in = Files.write(Files.createTempFile("flowctl-cmd", ".in"), stdin);
            out = Files.createTempFile("flowctl-cmd", ".out");
            err = Files.createTempFile("flowctl-cmd", ".err");
            ProcessBuilder pb = new ProcessBuilder(argv)
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(in == null ? new java.io.File("/dev/null") : in.toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().putAll(env);
            LOG.debug("running `{}` in {} (timeout {})", shown, workDir, timeout);
            p = pb.start();
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) kill(p);
            Outcome outcome = new Outcome(finished ? p.exitValue() : -1, read(out), read(err), !finished);
            LOG.debug("`{}` {}", shown, finished ? "exited " + outcome.exitCode() : "timed out and was killed");
            return outcome;
        } catch (IOException e) {
            throw new EngineException("the command engine could not run `" + shown + "`: " + e.getMessage()
                    + "; check that the program exists (a script by its path, e.g. ./deploy.sh, with its execute bit, or run"
                    + " as sh deploy.sh) and that the working directory " + workDir + " is readable.", e);
        } catch (InterruptedException e) {
            if (p != null) kill(p);
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while running `" + shown + "`.", e);
        } finally {
            delete(in);
            delete(out);
            delete(err);
        }
    }

    /** Ends the command and everything it started, so a timed-out deploy leaves nothing behind. */
    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void delete(Path file) {
        if (file == null) return;
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }
}
