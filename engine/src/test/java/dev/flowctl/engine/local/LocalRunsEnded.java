package dev.flowctl.engine.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Waits until the supervisors of every local run under a project have exited. Runs outlive the
 * command that started them, by design; a test's temporary directory can only be removed once
 * nothing writes into it any more.
 */
public final class LocalRunsEnded {
    private LocalRunsEnded() {
    }

    /** Waits for every run supervisor found under {@code project} (or any directory holding a {@code .flowctl/}) to exit. */
    public static void await(Path project) {
        List<Path> supervisors;
        try (Stream<Path> files = Files.exists(project) ? Files.walk(project) : Stream.empty()) {
            supervisors = files.filter(p -> p.getFileName().toString().equals("supervisor.properties")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : supervisors) {
            pid(file).flatMap(ProcessHandle::of).ifPresent(h -> {
                try {
                    h.onExit().get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            });
        }
    }

    private static Optional<Long> pid(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            return Optional.empty();
        }
        String pid = p.getProperty("pid");
        return pid == null ? Optional.empty() : Optional.of(Long.parseLong(pid.trim()));
    }
}
