package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A checkout's ./flowctl (bash) and the distribution's bin/flowctl (sh) choose the JVM's options per
 * command in two scripts; both are run here with a java that prints its arguments, and must agree
 * on every option but those of the class-data archive and of JVM logging, which each sets up its own way.
 */
class LaunchersTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"plan", "catalog", "serve", "codegen", "--version"})
    void bothLaunchersGiveACommandTheSameJvmOptions(String command) throws Exception {
        Path java = Files.createDirectories(tmp.resolve("fake-jdk/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        assertTrue(java.toFile().setExecutable(true));

        // A checkout whose jar is up to date (no sources newer than it), so ./flowctl runs java at once.
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        Files.copy(JsonSchemas.repo().resolve("flowctl"), checkout.resolve("flowctl"));
        Files.createDirectories(checkout.resolve("cli/target"));
        Files.writeString(checkout.resolve("cli/target/flowctl.jar"), "");
        List<String> fromCheckout = jvmOptions(List.of("bash", checkout.resolve("flowctl").toString(), command),
                Map.of("PATH", java.getParent() + ":" + System.getenv("PATH")));

        Path bin = Files.createDirectories(tmp.resolve("dist/bin"));
        Files.copy(JsonSchemas.repo().resolve("cli/src/dist/bin/flowctl"), bin.resolve("flowctl"));
        List<String> fromDistribution = jvmOptions(List.of("sh", bin.resolve("flowctl").toString(), command),
                Map.of("JAVA_HOME", tmp.resolve("fake-jdk").toString()));

        assertTrue(fromCheckout.contains("-XX:TieredStopAtLevel=1"), fromCheckout::toString);
        assertEquals(fromDistribution, fromCheckout, "./flowctl and bin/flowctl disagree on `" + command + "`");
    }

    /** The options java was given before -jar, without those of the class-data archive and of logging. */
    private static List<String> jvmOptions(List<String> launcher, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(launcher).redirectErrorStream(true);
        pb.environment().remove("FLOWCTL_JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        List<String> args = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, p.waitFor(), String.join("\n", args));
        List<String> options = new ArrayList<>();
        for (String a : args) {
            if (a.equals("-jar")) return options;
            if (!a.startsWith("-Xlog") && !a.startsWith("-Xshare") && !a.startsWith("-XX:SharedArchiveFile") && !a.startsWith("-XX:ArchiveClassesAtExit")) {
                options.add(a);
            }
        }
        throw new AssertionError(launcher + " ran java without -jar: " + args);
    }
}
