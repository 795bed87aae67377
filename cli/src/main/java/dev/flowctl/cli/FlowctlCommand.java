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
        footer = {"", "Exit codes: 0 success, 1 error, 2 changes present (plan --detailed-exitcode), 3 blocked by a breaking change.",
                "Run 'flowctl COMMAND --help' for a command's options."})
final class FlowctlCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
