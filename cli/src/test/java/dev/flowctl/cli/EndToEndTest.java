package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.state.LockInfo;
import dev.flowctl.state.local.LocalStateBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walking skeleton through picocli, as a user runs it: plan, apply, plan again. */
class EndToEndTest {
    @TempDir
    Path dir;

    private Path spec;
    private Path state;

    static final String SPEC = """
            project: risk
            flows:
              fleet_features:
                source: flows/fleet_features.py
                versions:
                  v1:
                    inputs:
                      fleet_id: { type: string, required: true }
                      months:   { type: int, default: 24 }
              claims_triage:
                source: flows/claims
                versions:
                  v1:
                    inputs:
                      claim_ids: { type: list<string>, required: true }
                  v2:
                    inputs:
                      claim_ids: { type: list<string>, required: true }
                      severity:  { type: enum, values: [low, high], default: low }
            """;

    @BeforeEach
    void repo() {
        Cli.write(dir.resolve("flows/fleet_features.py"), "print('features')\n");
        Cli.write(dir.resolve("flows/claims/flow.py"), "print('claims')\n");
        spec = Cli.write(dir.resolve("flows.yaml"), SPEC);
        state = dir.resolve(".flowctl/state.json");
    }

    private Cli.Result flowctl(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-f", spec.toString(), "--no-color"));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void planApplyPlanShowsNoChanges() {
        Cli.Result first = flowctl("plan", "--detailed-exitcode");
        assertEquals(ExitCode.CHANGES, first.code(), first::toString);
        assertTrue(first.out().contains("+ claims_triage@v2"), first::toString);
        assertTrue(first.out().contains("Plan: 3 to create, 0 to update, 0 to delete."), first::toString);

        Cli.Result apply = flowctl("apply", "--auto-approve");
        assertEquals(ExitCode.OK, apply.code(), apply::toString);
        assertTrue(apply.out().contains("Apply complete! Flow versions: 3 created, 0 updated, 0 deleted."), apply::toString);
        assertTrue(Files.exists(dir.resolve(".flowctl/engine/risk/claims_triage/v2.json")), "deployed to the local engine");

        Cli.Result again = flowctl("plan", "--detailed-exitcode");
        assertEquals(ExitCode.OK, again.code(), again::toString);
        assertTrue(again.out().lines().skip(1).findFirst().orElse("").startsWith("No changes."), again::toString);
    }

    @Test
    void editedSourceIsUpdatedAndOnlyThatVersion() {
        assertEquals(ExitCode.OK, flowctl("apply", "--auto-approve").code());
        Cli.write(dir.resolve("flows/fleet_features.py"), "print('features, faster')\n");
        Cli.Result plan = flowctl("plan", "--detailed-exitcode");
        assertEquals(ExitCode.CHANGES, plan.code(), plan::toString);
        assertTrue(plan.out().contains("# fleet_features@v1 will be updated in-place (source changed)"), plan::toString);
        assertTrue(plan.out().contains("Plan: 0 to create, 1 to update, 0 to delete."), plan::toString);
        Cli.Result apply = flowctl("apply", "--auto-approve");
        assertTrue(apply.out().contains("0 created, 1 updated, 0 deleted"), apply::toString);
        assertEquals(ExitCode.OK, flowctl("plan", "--detailed-exitcode").code());
    }

    @Test
    void breakingChangeIsBlockedAndStateUntouched() throws IOException {
        assertEquals(ExitCode.OK, flowctl("apply", "--auto-approve").code());
        byte[] before = Files.readAllBytes(state);
        Cli.write(spec, SPEC.replace("months:   { type: int, default: 24 }",
                "months:   { type: int, default: 24 }\n          region:   { type: string, required: true }"));

        Cli.Result plan = flowctl("plan");
        assertEquals(ExitCode.BLOCKED, plan.code(), plan::toString);
        assertTrue(plan.out().contains("fleet_features@v1.inputs.region [INPUT_ADDED_REQUIRED]"), plan::toString);
        assertTrue(plan.out().contains("Fix: publish the change as a new version (e.g. fleet_features@v2)"), plan::toString);

        Cli.Result apply = flowctl("apply", "--auto-approve");
        assertEquals(ExitCode.BLOCKED, apply.code(), apply::toString);
        assertArrayEquals(before, Files.readAllBytes(state), "a blocked apply writes nothing");
        assertEquals(Optional.empty(), new LocalStateBackend(state).currentLock(), "and releases the lock");
    }

    @Test
    void deletedVersionIsRemovedAndCannotComeBack() {
        assertEquals(ExitCode.OK, flowctl("apply", "--auto-approve").code());
        String withoutV1 = SPEC.replace("      v1:\n        inputs:\n          claim_ids: { type: list<string>, required: true }\n      v2:", "      v2:");
        assertTrue(withoutV1.length() < SPEC.length(), "the edit applies");
        Cli.write(spec, withoutV1);
        Cli.Result apply = flowctl("apply", "--auto-approve");
        assertTrue(apply.out().contains("- claims_triage@v1"), apply::toString);
        assertTrue(apply.out().contains("0 created, 0 updated, 1 deleted"), apply::toString);
        assertFalse(Files.exists(dir.resolve(".flowctl/engine/risk/claims_triage/v1.json")));

        Cli.write(spec, SPEC);
        Cli.Result again = flowctl("plan");
        assertEquals(ExitCode.BLOCKED, again.code(), again::toString);
        assertTrue(again.out().contains("VERSION_TOMBSTONED"), again::toString);
    }

    @Test
    void heldLockNamesItsHolderAndLeavesStateAlone() throws IOException {
        assertEquals(ExitCode.OK, flowctl("apply", "--auto-approve").code());
        Cli.write(dir.resolve("flows/fleet_features.py"), "print('changed')\n");
        byte[] before = Files.readAllBytes(state);
        LocalStateBackend backend = new LocalStateBackend(state);
        backend.lock(new LockInfo("lock-123", "ana@ci-runner", "apply", Instant.parse("2026-11-23T10:00:00Z"), "0.1.0"));

        Cli.Result apply = flowctl("apply", "--auto-approve");
        assertEquals(ExitCode.ERROR, apply.code(), apply::toString);
        assertEquals("Error: state is locked by ana@ci-runner since 2026-11-23T10:00:00Z (operation apply, lock ID lock-123); "
                + "if that run is dead, run: flowctl force-unlock lock-123 [FLOWCTL-E0201]\n", apply.err());
        assertArrayEquals(before, Files.readAllBytes(state));
        assertEquals("lock-123", backend.currentLock().orElseThrow().id(), "someone else's lock stays");
    }

    @Test
    void applyWaitsForALockWithinItsTimeout() throws Exception {
        LocalStateBackend backend = new LocalStateBackend(state);
        backend.lock(new LockInfo("short", "bo@laptop", "apply", Instant.now(), "0.1.0"));
        Thread release = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            backend.unlock("short");
        });
        release.start();
        Cli.Result apply = flowctl("apply", "--auto-approve", "--lock-timeout", "30s");
        release.join();
        assertEquals(ExitCode.OK, apply.code(), apply::toString);
    }

    @Test
    void concurrentAppliesNeverInterleave() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Cli.Result> apply = () -> flowctl("apply", "--auto-approve");
            List<Future<Cli.Result>> runs = pool.invokeAll(List.of(apply, apply));
            int applied = 0;
            for (Future<Cli.Result> f : runs) {
                Cli.Result r = f.get();
                if (r.code() == ExitCode.OK) {
                    applied++;
                } else {
                    assertEquals(ExitCode.ERROR, r.code(), r::toString);
                    assertTrue(r.err().startsWith("Error: state is locked by "), r::toString);
                }
            }
            assertTrue(applied >= 1, "at least one apply succeeds");
        } finally {
            pool.shutdownNow();
        }
        Cli.Result plan = flowctl("plan", "--detailed-exitcode");
        assertEquals(ExitCode.OK, plan.code(), "the state holds every deployment: " + plan);
        assertEquals(Optional.empty(), new LocalStateBackend(state).currentLock());
    }

    @Test
    void applyWithoutTerminalNeedsAutoApprove() {
        Cli.Result apply = flowctl("apply");
        assertEquals(ExitCode.ERROR, apply.code(), apply::toString);
        assertTrue(apply.err().contains("run again with --auto-approve"), apply::toString);
        assertFalse(Files.exists(state), "nothing was applied");
        assertEquals(Optional.empty(), new LocalStateBackend(state).currentLock());
    }

    @Test
    void stateFromANewerFlowctlIsRefusedAndKept() throws IOException {
        String newer = "{\"formatVersion\": 99, \"toolVersion\": \"9.0.0\", \"lineage\": \"x\", \"serial\": 7}\n";
        Cli.write(state, newer);
        for (String command : List.of("plan", "apply")) {
            Cli.Result r = command.equals("plan") ? flowctl("plan") : flowctl("apply", "--auto-approve");
            assertEquals(ExitCode.ERROR, r.code(), r::toString);
            assertTrue(r.err().contains("has format 99, written by a newer flowctl (9.0.0); upgrade flowctl to read it."), r::toString);
            assertFalse(r.err().contains("\tat "), "no stack trace");
        }
        assertEquals(newer, Files.readString(state));
    }

    @Test
    void unreadableStateIsRefusedAndKept() throws IOException {
        Cli.write(state, "{ not json");
        Cli.Result r = flowctl("apply", "--auto-approve");
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertTrue(r.err().contains("is not valid JSON"), r::toString);
        assertTrue(r.err().contains("flowctl will not overwrite it"), r::toString);
        assertEquals("{ not json", Files.readString(state));
    }

    @Test
    void invalidSpecGivesPositionedErrorsAndNoStackTrace() {
        Cli.write(spec, SPEC.replace("months:   { type: int, default: 24 }", "months:   { type: int, default: soon }")
                .replace("project: risk", "project: risk\nflowz: {}"));
        Cli.Result r = flowctl("plan");
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertTrue(r.err().contains(spec + ":2:1: unknown key 'flowz' in the top level. Did you mean 'flows'?"), r::toString);
        assertTrue(r.err().contains(spec + ":10:43: default of input 'months' of version 'fleet_features@v1' is 'soon', not a valid int."), r::toString);
        assertTrue(r.err().contains("2 problems found; nothing was planned."), r::toString);
        assertFalse(r.err().contains("Exception"), r::toString);
        assertFalse(Files.exists(dir.resolve(".flowctl")));
    }

    @Test
    void validateSummarisesAValidSpec() {
        Cli.Result r = flowctl("validate");
        assertEquals(ExitCode.OK, r.code(), r::toString);
        assertEquals(spec + " is valid: 2 flows, 3 versions, 5 inputs.\n", r.out());
    }

    @Test
    void missingSpecFileSaysWhatToDo() {
        Cli.Result r = Cli.run("plan", "-f", dir.resolve("nope.yaml").toString());
        assertEquals(ExitCode.ERROR, r.code());
        assertEquals(dir.resolve("nope.yaml") + ": no such file; create it, or point -f/--file at your flows.yaml. [FLOWCTL-E0102]\n"
                + "1 problem found; nothing was planned. [FLOWCTL-E0102]\n", r.err(), r::toString);
    }

    @Test
    void unknownOptionIsAnErrorWithAHint() {
        Cli.Result r = Cli.run("plan", "--detailed-exit-code");
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertTrue(r.err().contains("Unknown option: '--detailed-exit-code'"), r::toString);
        assertTrue(r.err().contains("--detailed-exitcode"), "suggests the right spelling: " + r);
    }

    @Test
    void helpAndVersion() {
        Cli.Result help = Cli.run("--help");
        assertEquals(ExitCode.OK, help.code());
        assertTrue(help.out().contains("plan") && help.out().contains("apply") && help.out().contains("Exit codes"), help::toString);
        Cli.Result version = Cli.run("--version");
        assertEquals(ExitCode.OK, version.code());
        assertTrue(version.out().startsWith("flowctl "), version::toString);
    }

    @Test
    void environmentsKeepSeparateState() {
        Cli.write(spec, SPEC.replace("project: risk", "project: risk\nenvironments:\n  dev: {}\n  prod: {}"));
        assertEquals(ExitCode.OK, flowctl("apply", "--auto-approve", "-e", "dev").code());
        assertTrue(Files.exists(dir.resolve(".flowctl/env/dev/state.json")));
        assertEquals(ExitCode.CHANGES, flowctl("plan", "--detailed-exitcode", "-e", "prod").code(), "prod is untouched");
        Cli.Result unknown = flowctl("plan", "-e", "qa");
        assertEquals(ExitCode.ERROR, unknown.code());
        assertTrue(unknown.err().contains("unknown environment 'qa'; " + spec + " declares: dev, prod."), unknown::toString);
    }
}
