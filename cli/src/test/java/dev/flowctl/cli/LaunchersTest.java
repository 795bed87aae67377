package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
        Path jdk = LauncherOptions.fakeJdk(tmp.resolve("fake-jdk"));
        Predicate<String> compared = o -> !LauncherOptions.archive(o) && !o.startsWith("-Xlog");

        // A checkout whose jar is up to date (no sources newer than it), so ./flowctl runs java at once.
        Path checkout = Files.createDirectories(tmp.resolve("checkout"));
        Files.copy(JsonSchemas.repo().resolve("flowctl"), checkout.resolve("flowctl"));
        Files.createDirectories(checkout.resolve("cli/target"));
        Files.writeString(checkout.resolve("cli/target/flowctl.jar"), "");
        List<String> fromCheckout = LauncherOptions.of(List.of("bash", checkout.resolve("flowctl").toString(), command),
                Map.of("PATH", jdk.resolve("bin") + ":" + System.getenv("PATH")), compared);

        Path bin = Files.createDirectories(tmp.resolve("dist/bin"));
        Files.copy(JsonSchemas.repo().resolve("cli/src/dist/bin/flowctl"), bin.resolve("flowctl"));
        List<String> fromDistribution = LauncherOptions.of(List.of("sh", bin.resolve("flowctl").toString(), command),
                Map.of("JAVA_HOME", jdk.toString()), compared);

        assertTrue(fromCheckout.contains("-XX:TieredStopAtLevel=1"), fromCheckout::toString);
        assertEquals(fromDistribution, fromCheckout, "./flowctl and bin/flowctl disagree on `" + command + "`");
    }
}
