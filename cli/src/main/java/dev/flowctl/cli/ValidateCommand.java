package dev.flowctl.cli;

import dev.flowctl.cli.render.OutputFormat;
import dev.flowctl.cli.render.ProblemRenderers;
import dev.flowctl.spec.Spec;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec.Target;

@Command(name = "validate", description = {
        "Check flows.yaml: syntax, names, types, defaults, paths and engine settings, and that each Metaflow flow "
                + "source declares the Parameters its version's inputs say.",
        "Reports every problem as file:line:column with what to do; reads no state and deploys nothing. "
                + "--format json, github or gitlab also writes them (or none) to stdout for CI."},
        exitCodeList = {
                "0:The file is valid.",
                "1:It is not (every problem is listed), or another error.",
                "130:Interrupted (Ctrl-C or SIGINT)."})
final class ValidateCommand implements Callable<Integer>, ReadsFlowsYaml, FormatOption.Formats {
    @Mixin
    WorkspaceOptions options;

    @Mixin
    FormatOption format;

    @Override
    public List<OutputFormat> formats() {
        return List.of(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.GITHUB, OutputFormat.GITLAB);
    }

    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec command;

    @Override
    public String leftUndoneOnProblems() {
        return java.util.Objects.requireNonNullElse(options.file.getFileName(), options.file) + " is not valid";
    }

    @Override
    public Integer call() {
        Workspace ws = Workspace.loadValid(options);
        ws.printWarnings(command.commandLine().getErr());
        Spec spec = ws.spec;
        String rendered = ProblemRenderers.render(format.get(), List.of());
        if (rendered != null) {
            command.commandLine().getOut().print(rendered);
            return ExitCode.OK;
        }
        long inputs = spec.versions().stream().mapToLong(v -> v.inputs().size()).sum();
        command.commandLine().getOut().printf("%s is valid: %d flow%s, %d version%s, %d input%s.%n", options.file,
                spec.flows().size(), spec.flows().size() == 1 ? "" : "s", spec.versions().size(),
                spec.versions().size() == 1 ? "" : "s", inputs, inputs == 1 ? "" : "s");
        return ExitCode.OK;
    }
}
