package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * flowctl's stderr as a user (and the PR comment a CI template pastes it into) sees it: no SLF4J
 * chatter on a normal run; AWS calls and engine commands with --debug. In a child JVM, because
 * SLF4J binds once per JVM, on the class path flowctl ships with (no test-only logger).
 */
class LoggingTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private Run flowctl(String... args) throws IOException, InterruptedException {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("logback")) // s3proxy's, a test dependency: flowctl does not ship it
                .collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("AWS_PROFILE");
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        pb.environment().put("AWS_REGION", "us-east-1");
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "flowctl finished");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** S3 state at an endpoint nothing listens on: the run builds an S3 client and fails to reach it. */
    private Path unreachableS3Spec() {
        Cli.write(dir.resolve("flows/a.py"), "print('a')\n");
        return Cli.write(dir.resolve("flows.yaml"), """
                project: risk
                state: { backend: s3, bucket: acme-state, key: risk/prod.json, region: us-east-1, endpoint: 'http://127.0.0.1:9', pathStyle: true }
                flows:
                  alpha:
                    source: flows/a.py
                    versions:
                      v1:
                        inputs:
                          x: { type: string }
                """);
    }

    @Test
    void anS3RunPrintsNoLoggerNoise() throws Exception {
        Run r = flowctl("state", "show", "-f", unreachableS3Spec().toString());
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertFalse(r.err().contains("SLF4J"), r::toString);
        assertTrue(r.err().startsWith("Error: "), r::toString);
        assertEquals(1, r.err().lines().count(), "one sentence, nothing else: " + r);
    }

    @Test
    void debugShowsTheAwsCalls() throws Exception {
        Run r = flowctl("state", "show", "-f", unreachableS3Spec().toString(), "--debug");
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertFalse(r.err().contains("SLF4J"), r::toString);
        assertTrue(r.err().contains("DEBUG software.amazon.awssdk.request - Sending Request"), r::toString);
    }

    @Test
    void debugShowsTheCommandsTheCommandEngineRuns() throws Exception {
        CommandEngineRepo repo = new CommandEngineRepo(dir, 1, 1, "");
        Run quiet = flowctl("apply", "--auto-approve", "--no-color", "-f", repo.spec.toString());
        assertEquals(ExitCode.OK, quiet.code(), quiet::toString);
        assertEquals("", quiet.err(), "a normal run logs nothing");

        Cli.write(repo.dir.resolve("flows/flowaa.py"), "print('edited')\n");
        Run debug = flowctl("apply", "--auto-approve", "--no-color", "--debug", "-f", repo.spec.toString());
        assertEquals(ExitCode.OK, debug.code(), debug::toString);
        assertTrue(debug.err().matches("(?s).*DEBUG dev\\.flowctl\\.engine\\.command\\.ProcessRunner - running `sh \\S+registry\\.sh deploy \\S+flowaa\\.py` in .*"),
                debug::toString);
        assertTrue(debug.err().contains("registry.sh deploy " + repo.dir.resolve("flows/flowaa.py") + "` exited 0"), debug::toString);
    }
}
