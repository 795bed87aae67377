package dev.flowctl.cli;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateCodec;
import dev.flowctl.state.StoredState;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec.Target;

@Command(name = "pull", description = {
        "Write the state as JSON to stdout, e.g. for a backup: flowctl state pull > state-backup.json",
        "",
        "Without --version, the current state; with it, a kept version from 'flowctl state history'."},
        exitCodeList = {
                "0:Written.",
                "1:An error, e.g. nothing has been applied yet or no kept version has that ID.",
                "130:Interrupted (Ctrl-C or SIGINT)."})
final class StatePullCommand implements Callable<Integer>, ReadsFlowsYaml {
    @Mixin
    WorkspaceOptions options;

    @Mixin
    StateVersionOption stateVersion;

    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec command;

    @Override
    public String leftUndoneOnProblems() {
        return "state was not read";
    }

    @Override
    public Integer call() {
        StateBackend backend = Workspace.load(options).stateBackend();
        StoredState stored;
        try (backend) {
            stored = stateVersion.read(backend);
        }
        if (stored == null) throw new UserError(ErrorCode.STATE_EMPTY, "no state at " + backend.location() + " yet: nothing has been applied.");
        command.commandLine().getOut().print(new String(StateCodec.encode(stored.document()), StandardCharsets.UTF_8));
        return ExitCode.OK;
    }
}
