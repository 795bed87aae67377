package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flowctl.apply.ApplyException;
import dev.flowctl.codegen.CodegenException;
import dev.flowctl.port.EngineException;
import dev.flowctl.spec.SpecException;
import dev.flowctl.spec.SpecProblem;
import dev.flowctl.state.LockInfo;
import dev.flowctl.state.StateConflictException;
import dev.flowctl.state.StateException;
import dev.flowctl.state.StateLockedException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every typed exception of a module below the cli is a user error with its one sentence, never an "internal error". */
class ErrorMessagesTest {
    private static String message(Exception e) {
        return Main.message(e, new PlanCommand(), false);
    }

    @Test
    void everyModulesExceptionIsAUserError() {
        LockInfo holder = new LockInfo("42", "ci@runner", "apply", Instant.parse("2024-01-02T03:04:05Z"), "1.0");
        assertEquals("Error: flows.lock:3: duplicate number 2; renumber one. [FLOWCTL-E0500]",
                message(new CodegenException("flows.lock:3: duplicate number 2; renumber one.")));
        assertEquals("Error: state at s3://b/k cannot be read. [FLOWCTL-E0200]", message(new StateException("state at s3://b/k cannot be read.")));
        assertEquals("Error: state changed meanwhile; run plan again. [FLOWCTL-E0202]", message(new StateConflictException("state changed meanwhile; run plan again.")));
        assertEquals("Error: state is locked by ci@runner since 2024-01-02T03:04:05Z (operation apply, lock ID 42);"
                + " if that run is dead, run: flowctl force-unlock 42 [FLOWCTL-E0201]", message(new StateLockedException(holder)));
        assertEquals("Error: the engine refused f@v1. [FLOWCTL-E0300]", message(new EngineException("the engine refused f@v1.")));
        assertEquals("Error: the plan is stale. [FLOWCTL-E0401]", message(new ApplyException("the plan is stale.")));
        assertEquals("Error: --parallelism must be at least 1. [FLOWCTL-E0902]", message(new UserError("--parallelism must be at least 1.")));
        assertEquals("flows.yaml:2:3: unknown key. [FLOWCTL-E0108]\n1 problem found; nothing was planned. [FLOWCTL-E0101]",
                message(new SpecException(List.of(new SpecProblem("flows.yaml", 2, 3, "unknown key.", dev.flowctl.errors.ErrorCode.SPEC_UNKNOWN_KEY)))));
    }

    @Test
    void aBugSaysSo() {
        assertEquals("Error: internal error (java.lang.IllegalStateException: x); run again with --debug for the stack trace,"
                + " and please report it. [FLOWCTL-E0999]", message(new IllegalStateException("x")));
    }
}
