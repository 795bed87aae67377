package dev.flowctl.cli;

import dev.flowctl.port.RunInfo;
import dev.flowctl.port.RunRef;
import dev.flowctl.spec.FlowVersionAddress;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

@Command(name = "runs", description = {
        "List, inspect and cancel runs of a deployed flow version.",
        "",
        "list shows the most recent runs, newest first; get shows one; cancel asks the engine to stop one."},
        commandListHeading = "%nCommands (run 'flowctl runs COMMAND --help' for one's options):%n",
        exitCodeList = {
                "0:Success.",
                "1:An error, e.g. the version is not deployed or the engine knows no such run.",
                "130:Interrupted (Ctrl-C or SIGINT)."},
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.GetRun.class, RunsCommand.CancelRun.class})
final class RunsCommand implements Runnable {
    @picocli.CommandLine.Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every runs subcommand shares: the environment's options and the version. */
    abstract static class OnVersion implements Callable<Integer>, ReadsFlowsYaml {
        @Mixin
        WorkspaceOptions options;

        @Parameters(index = "0", paramLabel = "FLOW@VERSION", description = "The deployed version, e.g. fleet_features@v1.")
        String address;

        @picocli.CommandLine.Spec(Target.SELF)
        CommandSpec command;

        @Override
        public String leftUndoneOnProblems() {
            return "no engine was asked";
        }

        PrintWriter out() {
            return command.commandLine().getOut();
        }

        FlowVersionAddress version() {
            return RunAccess.address(address);
        }
    }

    @Command(name = "list", description = "The most recent runs of a deployed version, newest first.",
            exitCodeList = {"0:Success.", "1:An error, e.g. the version is not deployed or the engine knows no such run.",
                    "130:Interrupted (Ctrl-C or SIGINT)."},
            footer = {"%nExample:", "  flowctl runs list fleet_features@v1 --limit 5"})
    static final class ListRuns extends OnVersion {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N runs (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1) throw new UserError("--limit must be at least 1.");
            FlowVersionAddress a = version();
            try (RunAccess runs = RunAccess.open(options)) {
                List<RunInfo> recent = runs.service.runs(a, limit);
                if (recent.isEmpty()) out().println("No runs of " + a + " yet.");
                recent.forEach(r -> out().println(Runs.line(r)));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "get", description = "One run: its state, times and, when it failed, why.",
            exitCodeList = {"0:Success.", "1:An error, e.g. the version is not deployed or the engine knows no such run.",
                    "130:Interrupted (Ctrl-C or SIGINT)."},
            footer = {"%nExample:", "  flowctl runs get fleet_features@v1 RUN_ID"})
    static final class GetRun extends OnVersion {
        @Parameters(index = "1", paramLabel = "RUN_ID", description = "The run id 'flowctl run' printed.")
        String runId;

        @Override
        public Integer call() {
            try (RunAccess runs = RunAccess.open(options)) {
                RunInfo info = runs.service.describe(new RunRef(version(), runId));
                out().println(Runs.line(info));
                if (info.output() != null && !info.output().isBlank()) out().println("output: " + info.output());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "cancel", description = "Ask the engine to stop a run; a run that has ended is left as it is.",
            exitCodeList = {"0:Success.", "1:An error, e.g. the version is not deployed or the engine knows no such run.",
                    "130:Interrupted (Ctrl-C or SIGINT)."},
            footer = {"%nExample:", "  flowctl runs cancel fleet_features@v1 RUN_ID"})
    static final class CancelRun extends OnVersion {
        @Parameters(index = "1", paramLabel = "RUN_ID", description = "The run id 'flowctl run' printed.")
        String runId;

        @Override
        public Integer call() {
            RunRef ref = new RunRef(version(), runId);
            try (RunAccess runs = RunAccess.open(options)) {
                runs.service.cancel(ref);
                out().println(Runs.line(runs.service.describe(ref)));
            }
            return ExitCode.OK;
        }
    }
}
