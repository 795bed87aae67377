package dev.flowctl.cli;

import dev.flowctl.cli.render.OutputFormat;
import dev.flowctl.cli.render.PlanRenderer;
import dev.flowctl.cli.render.Style;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

@Command(name = "show", description = {
        "Render a plan saved with 'flowctl plan -out FILE', as text, Markdown, JSON or CI annotations.",
        "Reads only FILE: no flows.yaml, state or engine is needed."},
        exitCodeList = {
                "0:Rendered; with --detailed-exitcode, also no changes.",
                "1:An error, e.g. FILE is not a saved plan.",
                "2:The plan has changes (only with --detailed-exitcode).",
                "3:The plan is blocked by a breaking change: it cannot be applied.",
                "130:Interrupted (Ctrl-C or SIGINT)."})
final class ShowCommand implements Callable<Integer>, FormatOption.Formats {
    @Parameters(paramLabel = "PLANFILE", description = "A plan saved by 'flowctl plan -out PLANFILE'.")
    Path file;

    @Mixin
    FormatOption format;

    @Mixin
    LinkBaseOption linkBase;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when the plan has changes, 0 when it has none, as plan does.")
    boolean detailedExitcode;

    @Option(names = "--no-color", description = "Plain output, no ANSI colors (also when NO_COLOR is set).")
    boolean noColor;

    @Option(names = "--debug", description = "Show stack traces for errors.")
    boolean debug;

    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec command;

    @Override
    public List<OutputFormat> formats() {
        return List.of(OutputFormat.TEXT, OutputFormat.MARKDOWN, OutputFormat.JSON, OutputFormat.GITHUB, OutputFormat.GITLAB);
    }

    @Override
    public Integer call() {
        SavedPlan saved = SavedPlan.read(file);
        command.commandLine().getOut().print(PlanRenderer.of(format.get(), Style.of(noColor), linkBase.get()).render(saved.plan()));
        // The same exit code as the plan command that saved it: a CI step gating on show sees a blocked plan.
        return PlanCommand.exitCode(saved.plan(), detailedExitcode);
    }
}
