package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up is most of a small run's time (bench/startup): a run loads only the libraries its path
 * needs. In a child JVM with -Xlog:class+load, since this test JVM has loaded everything already.
 */
class StartupClassesTest {
    @TempDir
    Path dir;

    private List<String> classesLoadedBy(String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("classes.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "flowctl finished");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8));
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .map(line -> line.replaceFirst("^.*\\] ", "").replaceFirst(" source: .*$", "")).toList();
    }

    /** The first few loaded classes of a package: enough to find what pulled it in. */
    private static List<String> from(List<String> classes, String prefix) {
        return classes.stream().filter(c -> c.startsWith(prefix)).limit(5).toList();
    }

    @Test
    void versionBuildsNoJacksonMapper() throws Exception {
        List<String> classes = classesLoadedBy("--version");
        assertTrue(classes.contains(Main.class.getName()), "the log lists loaded classes");
        assertEquals(List.of(), from(classes, "com.fasterxml.jackson.databind."));
    }

    /** --version answers before picocli builds any command model (annotation proxies, converters), and says what picocli would. */
    @Test
    void versionBuildsNoCommandModel() throws Exception {
        List<String> classes = classesLoadedBy("--version");
        assertTrue(classes.contains(FlowctlVersion.class.getName()), "the log lists loaded classes");
        assertEquals(List.of(), from(classes, "picocli.CommandLine$Model"));
        assertEquals(List.of(), from(classes, "jdk.proxy"));
        java.io.StringWriter picocli = new java.io.StringWriter();
        Main.commandLine(Terminal.NONE).printVersionHelp(new java.io.PrintWriter(picocli, true));
        assertEquals(picocli.toString(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void aLocalPlanLoadsNoAwsSdkNoGrpcAndNoNetty() throws Exception {
        Path example = JsonSchemas.repo().resolve("flows.yaml.example");
        List<String> classes = classesLoadedBy("plan", "--no-color", "-f", example.toString(), "--state", dir.resolve("state.json").toString());
        assertTrue(classes.contains("dev.flowctl.plan.Planner"), "the plan ran");
        assertEquals(List.of(), from(classes, "software.amazon."));
        assertEquals(List.of(), from(classes, "io.grpc."));
        assertEquals(List.of(), from(classes, "io.netty."));
    }
}
