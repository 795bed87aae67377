package dev.flowctl.cli;

import dev.flowctl.cli.render.DriftRenderers;
import dev.flowctl.cli.render.OutputFormat;
import dev.flowctl.cli.render.Style;
import dev.flowctl.drift.DriftDetector;
import dev.flowctl.drift.DriftReport;
import dev.flowctl.port.FlowEngine;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec.Target;

@Command(name = "drift", description = {
        "Report where the live engine no longer matches the applied state.",
        "",
        "MISSING: in state but gone from the engine. MODIFIED: live, but not as applied (says what differs). "
                + "UNMANAGED: live and tagged for this project, but not in state. Changes in flows.yaml that were not "
                + "applied yet are summarised too; they are not drift. Changes nothing."},
        exitCodeList = {
                "0:No drift.",
                "1:An error.",
                "2:Drift found.",
                "130:Interrupted (Ctrl-C or SIGINT)."},
        footer = {
                "%nExamples:",
                "  flowctl drift",
                "      Compare the engine with the applied state of flows.yaml here.",
                "  flowctl drift -e prod --format markdown > drift.md",
                "      Nightly in CI: a report to keep as an issue; exit 2 means drift."})
final class DriftCommand implements Callable<Integer>, ReadsFlowsYaml, FormatOption.Formats {
    @Mixin
    WorkspaceOptions options;

    @Mixin
    FormatOption format;

    @Mixin
    LinkBaseOption linkBase;

    @Mixin
    TargetOptions targets;

    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec command;

    @Override
    public List<OutputFormat> formats() {
        return List.of(OutputFormat.TEXT, OutputFormat.MARKDOWN, OutputFormat.JSON, OutputFormat.GITHUB, OutputFormat.GITLAB);
    }

    @Override
    public String leftUndoneOnProblems() {
        return "nothing was compared with the engine";
    }

    @Override
    public Integer call() {
        Workspace.prefetchState(options);
        Workspace ws = Workspace.loadValid(options, targets.get());
        dev.flowctl.state.StateDocument state;
        try (var backend = ws.stateBackend()) {
            state = Workspace.readState(backend);
        }
        var selected = targets.require(ws.spec, state);
        if (!selected.all()) {
            command.commandLine().getErr().println("Warning: partial drift report: only the versions selected by " + selected.describe() + " are compared.");
        }
        DriftReport report;
        try (FlowEngine engine = ws.engine()) {
            report = new DriftDetector().detect(ws.spec, ws.environment, state, engine.type(), engine.list(ws.owner()), selected);
        }
        command.commandLine().getOut().print(DriftRenderers.render(format.get(), report, Style.of(options.noColor), linkBase.get()));
        return report.hasDrift() ? ExitCode.CHANGES : ExitCode.OK;
    }
}
