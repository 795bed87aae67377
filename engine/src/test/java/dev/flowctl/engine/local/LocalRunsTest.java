package dev.flowctl.engine.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.engine.Fixtures;
import dev.flowctl.port.Deployment;
import dev.flowctl.port.DeploymentRequest;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.Owner;
import dev.flowctl.port.RunInfo;
import dev.flowctl.port.RunRef;
import dev.flowctl.port.RunRequest;
import dev.flowctl.port.RunState;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the local engine's runs do beyond the contract: the log, the files, surviving flowctl, the process tree. */
class LocalRunsTest {
    private static final FlowVersionAddress F1 = new FlowVersionAddress("fleet_features", "v1");
    private static final Duration HANG_GUARD = Duration.ofSeconds(90);

    @TempDir
    Path work;

    @org.junit.jupiter.api.AfterEach
    void runsEnded() {
        LocalRunsEnded.await(work);
    }

    private Path engineDir() {
        return work.resolve(".flowctl").resolve("engine");
    }

    private RunRequest deploy(LocalEngine engine, String run) {
        DeploymentRequest d = new Fixtures(work).request("risk", "fleet_features", "v1", "x", new Settings(Map.of("run", run)), false);
        Deployment deployment = engine.deploy(d);
        return new RunRequest(d.owner(), F1, deployment.engineRef(), "{\"fleet_id\":\"fleet-7\",\"months\":24}", null, d.settings());
    }

    private static RunInfo await(LocalEngine engine, Owner owner, RunRef ref, Predicate<RunInfo> until) throws InterruptedException {
        Instant giveUp = Instant.now().plus(HANG_GUARD);
        while (true) {
            RunInfo info = engine.describe(owner, ref);
            if (until.test(info)) return info;
            if (Instant.now().isAfter(giveUp)) throw new AssertionError("still " + info + " after " + HANG_GUARD);
            Thread.sleep(100);
        }
    }

    @Test
    void theCommandReadsTheInputOnStdinAndItsOutputIsTheLog() throws Exception {
        LocalEngine engine = new LocalEngine(engineDir(), work);
        RunRequest r = deploy(engine, "sh -c 'cat; echo; echo \"$FLOWCTL_FLOW@$FLOWCTL_VERSION in $PWD\"; echo oops >&2'");
        RunRef ref = engine.start(r);
        assertEquals(RunState.SUCCEEDED, await(engine, r.owner(), ref, i -> i.state().terminal()).state());
        Path log = engine.log(r.owner(), ref);
        assertEquals(work.resolve(".flowctl/runs/risk/fleet_features/v1").resolve(ref.runId()).resolve("log"), log);
        assertEquals(r.inputJson() + "\nfleet_features@v1 in " + work.toRealPath() + "\noops\n", Files.readString(log));
        Path runDir = log.getParent();
        assertEquals(r.inputJson(), Files.readString(runDir.resolve("input.json")));
        String status = Files.readString(runDir.resolve("status.properties"));
        assertTrue(status.contains("state=SUCCEEDED\n") && status.contains("exitCode=0\n") && status.contains("format=1\n"), status);
    }

    /** The flowctl that started a run exits (a gateway restarting); the run goes on and a new flowctl sees it end. */
    @Test
    void aRunOutlivesTheFlowctlThatStartedItAndANewOneSeesItSucceed() throws Exception {
        LocalEngine first = new LocalEngine(engineDir(), work);
        RunRequest r = deploy(first, "x");
        Path marker = work.resolve("finished");
        // The run waits for a go file, so it is certainly still running when its flowctl has gone.
        String run = "sh -c 'while test ! -e \"$0.go\"; do sleep 0.1; done; cat > \"$0\"' " + marker;
        Process starter = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), StartRunAndExit.class.getName(), engineDir().toString(), "risk", r.engineRef(), run)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String runId = new String(starter.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, starter.waitFor(), "the starting flowctl exits at once");
        assertFalse(Files.exists(marker), "the run is still going when the flowctl that started it has gone");

        LocalEngine restarted = new LocalEngine(engineDir(), work);
        RunRef ref = new RunRef(F1, runId);
        assertEquals(RunState.RUNNING, await(restarted, r.owner(), ref, i -> i.state() != RunState.QUEUED).state());
        Files.createFile(work.resolve("finished.go"));
        RunInfo end = await(restarted, r.owner(), ref, i -> i.state().terminal());
        assertEquals(RunState.SUCCEEDED, end.state(), end.toString());
        assertEquals("{\"fleet_id\":\"fleet-7\"}", Files.readString(marker));
        assertEquals(List.of(ref), restarted.runs(r.owner(), F1, r.engineRef(), 10).stream().map(RunInfo::ref).toList());
    }

    @Test
    void cancelKillsEverythingTheRunStarted() throws Exception {
        LocalEngine engine = new LocalEngine(engineDir(), work);
        RunRequest r = deploy(engine, "sh -c 'sleep 600 & echo $! > \"$FLOWCTL_RUN_DIR/grandchild\"; wait'");
        RunRef ref = engine.start(r);
        Path grandchild = engine.log(r.owner(), ref).resolveSibling("grandchild");
        await(engine, r.owner(), ref, i -> Files.exists(grandchild) || i.state().terminal());
        long pid = Long.parseLong(Files.readString(grandchild).strip());
        engine.cancel(r.owner(), ref);
        RunInfo end = await(engine, r.owner(), ref, i -> i.state().terminal());
        assertEquals(RunState.CANCELLED, end.state());
        await(engine, r.owner(), ref, i -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void aFailedRunSaysHowItEndedAndTheLogsLastLine() throws Exception {
        LocalEngine engine = new LocalEngine(engineDir(), work);
        RunRequest r = deploy(engine, "sh -c 'echo starting; echo \"fleet not found\" >&2; exit 4'");
        RunInfo end = await(engine, r.owner(), engine.start(r), i -> i.state().terminal());
        assertEquals(new RunInfo(end.ref(), RunState.FAILED, end.startedAt(), end.stoppedAt(),
                "the run command exited with code 4 (last line of its log: fleet not found).", null), end);
    }

    @Test
    void aCommandThatCannotStartFailsTheRun() throws Exception {
        LocalEngine engine = new LocalEngine(engineDir(), work);
        RunRequest r = deploy(engine, "no-such-program-flowctl {source}");
        RunInfo end = await(engine, r.owner(), engine.start(r), i -> i.state().terminal());
        assertEquals(RunState.FAILED, end.state());
        assertTrue(end.error().startsWith("the run command no-such-program-flowctl could not be started ("), end.error());
    }

    /** flows.yaml.example's run: command works with only python3, though the example flows import Metaflow. */
    @Test
    void theExamplesRunCommandRunsWithPython3Alone() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(python3(), "python3 is not installed");
        Path repo = Path.of("..").toAbsolutePath().normalize();
        dev.flowctl.spec.Spec spec = dev.flowctl.spec.SpecParser.parse(repo.resolve("flows.yaml.example"));
        LocalEngine engine = new LocalEngine(work.resolve("engine"), repo);
        DeploymentRequest d = new Fixtures(work).request("risk", "fleet_features", "v1", "x", spec.engineFor(null), false);
        RunRequest r = new RunRequest(d.owner(), F1, engine.deploy(d).engineRef(),
                "{\"fleet_id\":\"fleet-7\",\"months\":24,\"output\":\"s3://b/k\",\"mode\":\"fast\"}", null, d.settings());
        RunRef ref = engine.start(r);
        RunInfo end = await(engine, r.owner(), ref, i -> i.state().terminal());
        String log = Files.readString(engine.log(r.owner(), ref));
        assertEquals(RunState.SUCCEEDED, end.state(), end + "\n" + log);
        assertTrue(log.contains("fleet_features@v1 started with 4 inputs") && log.contains("  fleet_id = \"fleet-7\""), log);
    }

    private static boolean python3() {
        try {
            return new ProcessBuilder("python3", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void aVersionThatIsNotDeployedIsNotRun() {
        LocalEngine engine = new LocalEngine(engineDir(), work);
        RunRequest r = new RunRequest(Owner.of("risk"), F1, "risk/fleet_features/v1.json", "{}", null, Settings.empty());
        EngineException e = assertThrows(EngineException.class, () -> engine.start(r));
        assertEquals("fleet_features@v1 is not deployed in the local engine for project risk (no "
                + engineDir().resolve("risk/fleet_features/v1.json") + "); apply it first, then start the run.", e.getMessage());
        assertFalse(Files.exists(work.resolve(".flowctl/runs")));
    }

    @Test
    void anotherEnvironmentsRunIsUnknown() throws Exception {
        LocalEngine engine = new LocalEngine(engineDir(), work);
        RunRequest r = deploy(engine, "true");
        RunRef ref = engine.start(r);
        EngineException e = assertThrows(EngineException.class, () -> engine.describe(new Owner("risk", "prod"), ref));
        assertEquals("the local engine has no run '" + ref.runId() + "' of fleet_features@v1 for project risk, environment prod;"
                + " flowctl runs list fleet_features@v1 shows its recent runs.", e.getMessage());
        EngineException traversal = assertThrows(EngineException.class, () -> engine.describe(r.owner(), new RunRef(F1, "../../../x")));
        assertTrue(traversal.getMessage().startsWith("the local engine has no run '../../../x'"), traversal.getMessage());
        await(engine, r.owner(), ref, i -> i.state().terminal());
    }

    @Test
    void aKeyReusedWithAnotherInputIsRefused() throws Exception {
        LocalEngine engine = new LocalEngine(engineDir(), work);
        RunRequest deployed = deploy(engine, "true");
        RunRequest r = new RunRequest(deployed.owner(), F1, deployed.engineRef(), "{\"fleet_id\":\"a\"}", "order-1", deployed.settings());
        RunRef ref = engine.start(r);
        RunRequest other = new RunRequest(r.owner(), F1, r.engineRef(), "{\"fleet_id\":\"b\"}", "order-1", r.settings());
        EngineException e = assertThrows(EngineException.class, () -> engine.start(other));
        assertEquals("idempotency key 'order-1' already started run " + ref.runId()
                + " of fleet_features@v1 with another input; use a new key for a new run.", e.getMessage());
        await(engine, r.owner(), ref, i -> i.state().terminal());
    }

    @Test
    void runsOfEachEnvironmentLiveBesideItsEngineDirectory() throws IOException {
        LocalEngine prod = new LocalEngine(work.resolve(".flowctl/env/prod/engine"), work);
        DeploymentRequest d = new Fixtures(work).request(new Owner("risk", "prod"), "fleet_features", "v1", "x",
                new Settings(Map.of("run", "true")), false, null);
        RunRef ref = prod.start(new RunRequest(d.owner(), F1, prod.deploy(d).engineRef(), "{}", "k", d.settings()));
        assertTrue(Files.isDirectory(work.resolve(".flowctl/env/prod/runs/risk-prod/fleet_features/v1").resolve(ref.runId())));
    }
}
