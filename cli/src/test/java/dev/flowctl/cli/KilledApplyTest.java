package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.state.local.LocalStateBackend;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the apply JVM in the middle of a slow command-engine apply: state keeps every
 * deployment the apply reported complete, and a re-run (after force-unlock) converges.
 */
class KilledApplyTest {
    private static final Pattern COMPLETE = Pattern.compile("\\[\\d+/\\d+] (\\S+): Creation complete.*");

    @TempDir
    Path dir;

    @Test
    void rerunAfterKillConvergesAndLosesNoCompletedDeployment() throws Exception {
        CommandEngineRepo repo = new CommandEngineRepo(dir, 4, 4, "SLOW_MS: 300");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process apply = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "apply", "-f", repo.spec.toString(), "--auto-approve", "--parallelism", "2")
                .redirectErrorStream(true).start();
        List<String> reported = new ArrayList<>();
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(apply.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; reported.size() < 5 && (line = out.readLine()) != null; ) {
                output.add(line);
                Matcher m = COMPLETE.matcher(line);
                if (m.matches()) reported.add(m.group(1));
            }
            apply.destroyForcibly(); // SIGKILL: no shutdown hook, no unlock, actions in flight
            assertTrue(apply.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(5, reported.size(), "the apply was killed mid-way: " + output);
        assertEquals(137, apply.exitValue(), "killed by SIGKILL");

        Set<String> recorded = ApplyAtScaleTest.inState(repo.state);
        assertTrue(recorded.containsAll(reported), "every deployment reported complete is in state: " + reported + " vs " + recorded);
        assertTrue(recorded.size() < 16, "the kill came before the end: " + recorded);

        // The lock was the killed JVM's OS lock on state.json.lock: the OS freed it, nothing to force-unlock.
        assertEquals(Optional.empty(), new LocalStateBackend(repo.state).currentLock());

        Cli.Result rerun = Cli.run("apply", "-f", repo.spec.toString(), "--auto-approve", "--parallelism", "4");
        // A deploy the kill left running finished unrecorded: the re-run refuses to create over it
        // (flowctl never takes over what state does not record) and says how to adopt it.
        Matcher lost = Pattern.compile("flowctl import (\\S+) (\\S+) after checking it").matcher(rerun.out());
        Set<String> imported = new TreeSet<>();
        while (lost.find()) {
            if (!imported.add(lost.group(1))) continue;
            Cli.Result adopt = Cli.run("import", "-f", repo.spec.toString(), lost.group(1), lost.group(2));
            assertEquals(ExitCode.OK, adopt.code(), adopt::toString);
        }
        if (imported.isEmpty()) {
            assertEquals(ExitCode.OK, rerun.code(), rerun::toString);
            assertTrue(rerun.out().contains("Apply complete! Flow versions: " + (16 - recorded.size()) + " created"), rerun::toString);
        } else {
            assertTrue(rerun.err().contains("Apply incomplete: " + (16 - recorded.size() - imported.size()) + " created"),
                    rerun::toString);
            assertEquals(ExitCode.OK, Cli.run("apply", "-f", repo.spec.toString(), "--auto-approve").code());
        }
        assertEquals(new TreeSet<>(repo.addresses(4, 4)), ApplyAtScaleTest.inState(repo.state));
        assertEquals(ExitCode.OK, Cli.run("plan", "-f", repo.spec.toString(), "--detailed-exitcode").code());
        Thread.sleep(400); // deploy commands orphaned by the kill finish before the directory is removed
    }
}
