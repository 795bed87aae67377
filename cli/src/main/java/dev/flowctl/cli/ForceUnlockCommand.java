package dev.flowctl.cli;

import dev.flowctl.state.LockInfo;
import dev.flowctl.state.StateBackend;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

@Command(name = "force-unlock", description = {
        "Remove a state lock left behind by a run that died.",
        "",
        "Takes the lock ID that the 'state is locked' message names, and removes the lock only if it still has that ID. "
                + "Make sure the run holding it is really gone: two applies at once can interleave deployments."},
        exitCodeList = {
                "0:Unlocked.",
                "1:An error: not locked, or locked with another ID.",
                "130:Interrupted (Ctrl-C or SIGINT)."})
final class ForceUnlockCommand implements Callable<Integer>, ReadsFlowsYaml {
    @Mixin
    WorkspaceOptions options;

    @Parameters(paramLabel = "LOCK_ID", description = "The ID of the lock to remove, as printed by the failed run.")
    String lockId;

    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec command;

    @Override
    public String leftUndoneOnProblems() {
        return "no lock was removed";
    }

    @Override
    public Integer call() {
        StateBackend backend = Workspace.load(options).stateBackend();
        LockInfo held;
        try (backend) {
            held = backend.forceUnlock(lockId);
        }
        command.commandLine().getOut().println("Removed lock " + lockId + " on " + backend.location() + " (held by " + held.who()
                + " since " + held.created() + " for " + held.operation() + "). Run plan to see what that run left behind.");
        return ExitCode.OK;
    }
}
