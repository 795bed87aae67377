package dev.flowctl.cli;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateHistory;
import dev.flowctl.state.StateVersion;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec.Target;

@Command(name = "history", description = {
        "List kept versions of the state, newest first: version ID, serial, when and by whom.",
        "",
        "Pass a version ID to 'flowctl state show --version ID' to see what that version recorded."},
        exitCodeList = {
                "0:Listed, also when no versions are kept yet.",
                "1:An error, e.g. the state backend keeps no history.",
                "130:Interrupted (Ctrl-C or SIGINT)."})
final class StateHistoryCommand implements Callable<Integer>, ReadsFlowsYaml {
    @Mixin
    WorkspaceOptions options;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Show at most N versions (default: ${DEFAULT-VALUE}).")
    int limit;

    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec command;

    @Override
    public String leftUndoneOnProblems() {
        return "state was not read";
    }

    @Override
    public Integer call() {
        if (limit < 1) throw new UserError("--limit must be at least 1.");
        StateBackend backend = Workspace.load(options).stateBackend();
        List<StateVersion> versions;
        try (backend) {
            versions = history(backend).history(limit);
        }
        PrintWriter out = command.commandLine().getOut();
        if (versions.isEmpty()) {
            out.println("No versions of " + backend.location() + " are kept yet; they appear from the next apply on.");
            return ExitCode.OK;
        }
        int idWidth = Math.max("VERSION".length(), versions.stream().mapToInt(v -> v.id().length()).max().orElse(0));
        String row = "%-" + idWidth + "s  %-6s  %-19s  %s%n";
        out.printf(row, "VERSION", "SERIAL", "WRITTEN (UTC)", "BY");
        for (StateVersion v : versions) {
            out.printf(row, v.id(), v.serial() < 0 ? "?" : Long.toString(v.serial()),
                    v.written() == null ? "?" : v.written().toString().replace('T', ' ').replaceAll("(\\.\\d+)?Z$", ""),
                    (v.who() == null ? "unknown" : v.who()) + (v.current() ? "  (current)" : ""));
        }
        return ExitCode.OK;
    }

    static StateHistory history(StateBackend backend) {
        if (backend instanceof StateHistory h) return h;
        throw new UserError(ErrorCode.STATE_NO_HISTORY, "state " + backend.location() + " keeps no history.");
    }
}
