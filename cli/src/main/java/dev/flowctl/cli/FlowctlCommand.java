package dev.flowctl.cli;

import picocli.CommandLine.Command;

@Command(name = "flowctl", mixinStandardHelpOptions = true, versionProvider = FlowctlVersion.class,
        scope = picocli.CommandLine.ScopeType.INHERIT,
        sortOptions = false,
        description = {
                "Terraform for data and ML flows.",
                "",
                "Declare flows, their live versions and typed inputs in flows.yaml; flowctl plans the change against the "
                        + "last applied state, blocks changes that would break a caller, and deploys exactly what changed.",
                "",
                "Start with: flowctl validate, then flowctl plan, then flowctl apply."},
        // Inherited (scope INHERIT) by every subcommand; each states its own exit codes, and 'state' its own command list heading.
        commandListHeading = "%nCommands (run 'flowctl COMMAND --help' for one's options and exit codes):%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:Success; with plan --detailed-exitcode, also no changes.",
                "1:An error.",
                "2:Changes present (plan --detailed-exitcode), drift found (drift) or generated files out of date (codegen --check).",
                "3:The plan is blocked by a breaking change.",
                "130:Interrupted (Ctrl-C or SIGINT); an apply records what finished and releases its lock first."})
final class FlowctlCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
