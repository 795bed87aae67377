package dev.flowctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "state", description = {
        "Inspect the recorded state and its history, or forget versions.",
        "",
        "history lists kept versions (S3 bucket versioning, or numbered copies beside local state); "
                + "show prints one version readably; pull writes one as JSON to stdout; rm forgets versions "
                + "without deleting them from the engine."},
        commandListHeading = "%nCommands (run 'flowctl state COMMAND --help' for one's options):%n",
        exitCodeList = {
                "0:Success.",
                "1:An error.",
                "130:Interrupted (Ctrl-C or SIGINT)."},
        subcommands = {StateHistoryCommand.class, StateShowCommand.class, StatePullCommand.class})
final class StateCommand implements Runnable {
    @picocli.CommandLine.Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
