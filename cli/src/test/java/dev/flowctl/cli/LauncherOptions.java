package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The JVM options a launcher script gives java, read by running it with a java that prints its arguments. */
final class LauncherOptions {
    private LauncherOptions() {
    }

    /** A JAVA_HOME under {@code dir} whose bin/java prints its arguments, one per line, and exits 0. */
    static Path fakeJdk(Path dir) throws IOException {
        Path java = Files.createDirectories(dir.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        assertTrue(java.toFile().setExecutable(true));
        return dir;
    }

    /** The options before -jar that {@code launcher} (run with {@code env}, FLOWCTL_JAVA_OPTS unset) passed, those {@code kept}. */
    static List<String> of(List<String> launcher, Map<String, String> env, Predicate<String> kept) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(launcher).redirectErrorStream(true);
        pb.environment().remove("FLOWCTL_JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        List<String> args = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.waitFor(), String.join("\n", args));
        List<String> options = new ArrayList<>();
        for (String a : args) {
            if (a.equals("-jar")) return options;
            if (kept.test(a)) options.add(a);
        }
        throw new AssertionError(launcher + " ran java without -jar: " + args);
    }

    /** An option of the class-data archive, which differs by install (the image has none). */
    static boolean archive(String option) {
        return option.startsWith("-Xshare") || option.startsWith("-XX:SharedArchiveFile") || option.startsWith("-XX:ArchiveClassesAtExit")
                || option.startsWith("-Xlog:cds");
    }
}
