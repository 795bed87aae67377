package dev.flowctl.cli;

import dev.flowctl.apply.ApplyResult;
import dev.flowctl.apply.ApplySession;
import dev.flowctl.apply.UnrecordedDeployments;
import dev.flowctl.cli.render.Style;
import dev.flowctl.cli.render.TextPlanRenderer;
import dev.flowctl.errors.ErrorCode;
import dev.flowctl.plan.Action;
import dev.flowctl.plan.ActionReason;
import dev.flowctl.plan.Plan;
import dev.flowctl.plan.PlannedChange;
import dev.flowctl.plan.SourceFiles;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.LiveFlowVersion;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.state.DeployedVersion;
import dev.flowctl.state.LockInfo;
import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateDocument;
import dev.flowctl.state.StoredState;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec.Target;

@Command(name = "destroy", description = {
        "Remove every deployment of an environment that flowctl made, then its state.",
        "",
        "For preview environments (-e pr-123, made from a template in flows.yaml) when the pull request closes. "
                + "Deletes only what flowctl created for this project and environment: the versions its state records and "
                + "any the engine lists with this environment's marks. Shows the deletions and asks (or --auto-approve); "
                + "a declared environment such as prod needs --force as well. Destroying an environment with no state "
                + "changes nothing."},
        exitCodeList = {
                "0:Destroyed, or nothing to destroy.",
                "1:An error, refused (not a preview environment without --force, no terminal without --auto-approve), "
                        + "not confirmed, or a deletion failed (state keeps what is still deployed).",
                "130:Interrupted (Ctrl-C or SIGINT)."},
        footer = {
                "%nExamples:",
                "  flowctl destroy -e pr-123 --auto-approve",
                "      In CI when pull request 123 closes: remove its preview.",
                "  flowctl destroy -e tenant-old --force",
                "      Retire a declared environment: shows the deletions, asks for yes."})
final class DestroyCommand implements Callable<Integer>, ReadsFlowsYaml {
    @Mixin
    WorkspaceOptions options;

    @Option(names = "--auto-approve", description = "Destroy without asking (for CI).")
    boolean autoApprove;

    @Option(names = "--force", description = "Also destroy an environment that is not a preview (declared in flows.yaml, or the default one).")
    boolean force;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "10",
            description = "Deletions run at once (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "0s",
            description = "How long to wait for a held state lock, e.g. 60s or 5m (default: ${DEFAULT-VALUE}, fail at once).")
    String lockTimeout;

    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec command;

    private final Terminal terminal;

    DestroyCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public String leftUndoneOnProblems() {
        return "nothing was deleted";
    }

    @Override
    public Integer call() {
        if (parallelism < 1) throw new UserError("--parallelism must be at least 1.");
        Duration timeout = Durations.parse(lockTimeout, "--lock-timeout");
        // Engine settings are checked, flow sources are not: a closed pull request's branch may no longer plan.
        Workspace ws = Workspace.loadForRuns(options);
        String label = ws.environment == null ? "the default environment" : "environment '" + ws.environment + "'";
        if (ws.templateOfEnvironment() == null && !force) {
            throw new UserError(ErrorCode.DESTROY_REFUSED, "destroy removes every deployment of " + label + "; it is not a preview"
                    + " environment made from a template, so pass --force if you mean to remove it.");
        }
        PrintWriter out = command.commandLine().getOut();
        Style style = Style.of(options.noColor);
        try (FlowEngine engine = ws.engine(); StateBackend backend = ws.stateBackend();
             ApplySession session = ApplySession.open(backend, LockInfo.forThisProcess("destroy", FlowctlVersion.get()), timeout,
                     FlowctlVersion.get())) {
            StateDocument state = session.state();
            List<LiveFlowVersion> unrecorded = engine.canList() && !engine.listRunsSpecCommands()
                    ? UnrecordedDeployments.find(engine, ws.owner(), state) : List.of();
            if (state == null && unrecorded.isEmpty()) {
                out.println("Nothing to destroy: " + label + " of project " + ws.spec.project() + " has no state at " + session.location()
                        + " and the " + engine.type() + " engine lists no deployment of it.");
                return ExitCode.OK;
            }
            Plan plan = plan(ws, state);
            new TextPlanRenderer(style).render(plan, out);
            unrecorded.forEach(l -> out.println("  - " + l.address() + " (" + l.engineRef() + ") will be deleted: the engine lists it"
                    + " with this environment's marks, state does not record it"));
            out.println("\nThen the state at " + session.location() + " is removed.");
            if (!autoApprove) {
                if (!terminal.interactive()) {
                    throw new UserError(ErrorCode.APPLY_NEEDS_CONFIRMATION, "destroy needs confirmation but there is no terminal to ask on;"
                            + " review the deletions and run again with --auto-approve.");
                }
                out.flush();
                String answer = terminal.readLine("\nDo you really want to destroy " + label + "? Only 'yes' will be accepted: ");
                if (!"yes".equals(answer == null ? null : answer.trim())) {
                    out.println("\nDestroy cancelled; nothing was changed.");
                    return ExitCode.ERROR;
                }
            }
            out.println();
            out.flush();
            ApplyResult result = session.apply(plan, SourceFiles.of(ws.spec), engine, parallelism,
                    new ApplyProgress(out, style, terminal.interactive(), plan.actionable().size()));
            if (!result.ok() || result.succeeded().size() != plan.actionable().size()) {
                command.commandLine().getErr().println("\nDestroy incomplete: " + result.failed().size() + " deletion(s) failed, "
                        + result.skipped().size() + " not started; state keeps every version still deployed; fix the cause and run"
                        + " destroy again." + ErrorOutput.tag(ErrorCode.APPLY_INCOMPLETE));
                new java.util.TreeMap<>(result.failed()).forEach((a, m) -> command.commandLine().getErr().println("  " + a + ": "
                        + m.lines().findFirst().orElse("")));
                return ExitCode.ERROR;
            }
            for (LiveFlowVersion l : unrecorded) engine.delete(ws.owner(), l.address(), l.engineRef());
            StoredState now = backend.read().orElse(null);
            if (now != null) backend.remove(now.etag());
            out.println(style.green("Destroy complete! " + (plan.actionable().size() + unrecorded.size()) + " flow version(s) deleted;")
                    + " the state of " + label + " was removed.");
            return ExitCode.OK;
        }
    }

    /** A delete for every version state records, as apply would run it. */
    private static Plan plan(Workspace ws, StateDocument state) {
        List<PlannedChange> deletes = state == null ? List.of() : state.versions().values().stream()
                .map(DestroyCommand::delete).toList();
        return new Plan(Plan.FORMAT_VERSION, ws.spec.project(), ws.environment, state == null ? null : state.lineage(),
                state == null ? 0 : state.serial(), deletes);
    }

    private static PlannedChange delete(DeployedVersion d) {
        return new PlannedChange(new FlowVersionAddress(d.flow(), d.version()), Action.DELETE, EnumSet.of(ActionReason.ENVIRONMENT_DESTROYED),
                List.of(), List.of(), null);
    }
}
