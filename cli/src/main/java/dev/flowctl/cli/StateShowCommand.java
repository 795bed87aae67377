package dev.flowctl.cli;

import dev.flowctl.state.DeployedVersion;
import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateDocument;
import dev.flowctl.state.StoredState;
import dev.flowctl.state.Tombstone;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec.Target;

@Command(name = "show", description = {
        "Print what the state records: every deployed flow version and every deleted one.",
        "",
        "Without --version, the current state; with it, a kept version from 'flowctl state history'."},
        exitCodeList = {
                "0:Printed, also when nothing has been applied yet.",
                "1:An error, e.g. no kept version has that ID.",
                "130:Interrupted (Ctrl-C or SIGINT)."})
final class StateShowCommand implements Callable<Integer>, ReadsFlowsYaml {
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
        PrintWriter out = command.commandLine().getOut();
        if (stored == null) {
            out.println("No state at " + backend.location() + " yet: nothing has been applied.");
            return ExitCode.OK;
        }
        StateDocument d = stored.document();
        out.println("State " + backend.location() + (stateVersion.version == null ? "" : " version " + stateVersion.version));
        out.println("  project  " + d.project());
        if (d.environment() != null) out.println("  env      " + d.environment());
        out.println("  lineage  " + d.lineage());
        out.println("  serial   " + d.serial() + " (written by flowctl " + d.toolVersion() + ", format " + d.formatVersion() + ")");
        out.println();
        out.println(d.versions().size() + " deployed flow version" + (d.versions().size() == 1 ? "" : "s") + ":");
        int width = d.versions().keySet().stream().mapToInt(String::length).max().orElse(0);
        for (DeployedVersion v : d.versions().values()) {
            out.printf("  %-" + width + "s  deployed %s on %s  %s%n", v.address(), v.deployedAt(), v.engineType(), v.engineRef());
        }
        if (!d.tombstones().isEmpty()) {
            out.println();
            out.println(d.tombstones().size() + " deleted (never re-created):");
            for (Tombstone t : d.tombstones().values()) out.println("  " + t.address() + "  deleted " + t.deletedAt());
        }
        return ExitCode.OK;
    }
}
