package dev.flowctl.cli;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.LiveFlowVersion;
import dev.flowctl.apply.UnrecordedDeployments;
import dev.flowctl.cli.render.OutputFormat;
import dev.flowctl.cli.render.PlanRenderer;
import dev.flowctl.cli.render.Style;
import dev.flowctl.plan.Plan;
import dev.flowctl.plan.Planner;
import dev.flowctl.plan.Promotion;
import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateDocument;
import dev.flowctl.state.StoredState;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec.Target;

@Command(name = "plan", description = {
        "Show what apply would create, update or delete, and block changes that break callers.",
        "",
        "Compares flows.yaml with the last applied state. A change that would break an existing caller of a "
                + "deployed version (a new required input, a type change…) blocks the plan: publish a new version instead.",
        "With -out FILE the plan is saved; 'flowctl apply FILE' applies exactly it, and refuses it once state or flows.yaml changed."},
        exitCodeList = {
                "0:Planned; with --detailed-exitcode, also no changes.",
                "1:An error.",
                "2:Changes present (only with --detailed-exitcode).",
                "3:Blocked by a breaking change: it cannot be applied.",
                "130:Interrupted (Ctrl-C or SIGINT)."},
        footer = {
                "%nExamples:",
                "  flowctl plan",
                "      Plan flows.yaml in this directory against its applied state.",
                "  flowctl plan -e prod --format markdown --detailed-exitcode > plan.md",
                "      In a pull request: a comment for reviewers; exit 2 means changes, 3 blocked.",
                "  flowctl plan -out plan.flowplan && flowctl apply plan.flowplan",
                "      Save the plan, then apply exactly it (refused if state moved since).",
                "  flowctl plan -e prod --from stage -out release.flowplan",
                "      Promotion: what prod needs to run the versions stage runs.",
                "  flowctl plan --target 'fleet_*' --exclude fleet_legacy",
                "      A partial plan of some flows only; it says so at top and bottom."})
final class PlanCommand implements Callable<Integer>, ReadsFlowsYaml, FormatOption.Formats {
    @Mixin
    WorkspaceOptions options;

    @Mixin
    FormatOption format;

    @Mixin
    LinkBaseOption linkBase;

    @Mixin
    TargetOptions targets;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when there are changes, 0 when there are none.")
    boolean detailedExitcode;

    @Option(names = {"--out", "-out"}, paramLabel = "FILE",
            description = "Also save the plan to FILE, for 'flowctl apply FILE' and 'flowctl show FILE'. "
                    + "Refuses an existing file that is not a saved plan (the spec above all).")
    Path out;

    @Option(names = "--from", paramLabel = "ENV",
            description = "Promotion: plan what -e ENV would need to run what this environment runs (its applied state), "
                    + "not all of flows.yaml.")
    String from;

    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec command;

    @Override
    public List<OutputFormat> formats() {
        return List.of(OutputFormat.TEXT, OutputFormat.MARKDOWN, OutputFormat.JSON, OutputFormat.GITHUB, OutputFormat.GITLAB);
    }

    @Override
    public String leftUndoneOnProblems() {
        return "nothing was planned";
    }

    /** Deleting a version the gateway saw called within this many days is a warning. */
    static final int RECENT_CALL_DAYS = 30;

    @Override
    public Integer call() {
        if (out != null) SavedPlan.requireWritable(out, options.file);
        // python3 reads the flow sources while state is read and planned; its answer comes before anything but the first line.
        Workspace.prefetchState(options);
        Workspace ws = Workspace.loadValidLater(options, targets.get());
        Plan plan;
        String restored = null;
        try (StateBackend backend = ws.stateBackend()) {
            StoredState stored = backend.read().orElse(null);
            // Text output starts with it; machine-readable stdout keeps its format, so there it goes to stderr.
            (format.get() == OutputFormat.TEXT ? command.commandLine().getOut() : command.commandLine().getErr())
                    .println(ContextLine.of(ws, backend.location(), stored == null));
            if (stored != null && stored.restored()) restored = stored.restoredNotice(backend.location());
            StateDocument state = stored == null ? null : stored.document();
            var selected = targets.require(ws.spec, state);
            if (UnrecordedDeployments.isNew(state)) requireEngineAgrees(ws, state, backend.location());
            if (from != null && targets.given()) {
                throw new UserError(ErrorCode.OPTION_INVALID, "--from promotes every version the other environment runs, so --target and --exclude do not go with it;"
                        + " leave them out, or plan the versions without --from.");
            }
            plan = from != null ? promotion(ws, state) : new Planner().plan(ws.spec, ws.environment, state, java.util.Set.of(), java.util.Set.of(),
                    selected, dev.flowctl.gateway.ops.CallLogFile.recent(ws.callLogFile(), RECENT_CALL_DAYS, java.time.Clock.systemUTC()));
        } catch (RuntimeException e) {
            awaitSourceCheck(ws, e);
            throw e;
        }
        ws.awaitSourceCheck();
        ws.printWarnings(command.commandLine().getErr());
        if (restored != null) command.commandLine().getErr().println("Warning: " + restored);
        if (out != null) SavedPlan.of(plan, ws.spec).write(out);
        PlanRenderer.of(format.get(), Style.of(options.noColor), linkBase.get()).render(plan, command.commandLine().getOut());
        return exitCode(plan, detailedExitcode);
    }

    /** flows.yaml's problems come first, as when the source check ran before state was read; {@code failure} joins them. */
    private static void awaitSourceCheck(Workspace ws, RuntimeException failure) {
        try {
            ws.awaitSourceCheck();
        } catch (RuntimeException problems) {
            problems.addSuppressed(failure);
            throw problems;
        }
    }

    /**
     * A state that records nothing, beside an engine that runs this project's versions, is the wrong state:
     * say so here, in the pull request, rather than let apply fail on merge. Plan in CI may have no access to
     * the engine, so an engine that cannot be reached is a warning; apply checks again, strictly. An engine
     * whose listing runs commands from flows.yaml is not asked: a pull request controls those commands.
     */
    private void requireEngineAgrees(Workspace ws, StateDocument state, String stateLocation) {
        List<LiveFlowVersion> unrecorded;
        String type;
        try (FlowEngine engine = ws.engine()) {
            if (engine.listRunsSpecCommands()) return;
            type = engine.type();
            unrecorded = UnrecordedDeployments.find(engine, ws.owner(), state);
        } catch (EngineException e) {
            command.commandLine().getErr().println("Warning: could not ask the engine whether it already runs versions this new state"
                    + " does not record (" + e.getMessage() + "); apply will check before it changes anything.");
            return;
        }
        if (!unrecorded.isEmpty()) throw new UserError(ErrorCode.STATE_UNRECORDED_DEPLOYMENTS, UnrecordedDeployments.message(unrecorded, ws.owner(), type, stateLocation));
    }

    /** The plan that makes this environment run what {@code --from} runs; the versions left out are said on stderr. */
    private Plan promotion(Workspace ws, StateDocument state) {
        if (java.util.Objects.equals(from, ws.environment)) {
            throw new UserError(ErrorCode.UNKNOWN_ENVIRONMENT, "--from names the environment being planned; name the one to promote from, e.g. -e prod --from stage.");
        }
        Workspace source = ws.sibling(from);
        StateDocument sourceState;
        try (StateBackend backend = source.stateBackend()) {
            sourceState = Workspace.readState(backend);
        }
        if (sourceState == null) {
            throw new UserError(ErrorCode.PROMOTION_MISMATCH, "environment '" + from + "' has applied nothing yet, so there is nothing to promote from it.");
        }
        Promotion promotion;
        try {
            promotion = Promotion.of(new Planner(), ws.spec, ws.environment, state, sourceState, "'" + from + "'");
        } catch (Promotion.PromotionException e) {
            throw new UserError(ErrorCode.PROMOTION_MISMATCH, e.getMessage());
        }
        java.io.PrintWriter err = command.commandLine().getErr();
        err.println("Promotion: " + (ws.environment == null ? "the default environment" : "'" + ws.environment + "'") + " to run what '" + from
                + "' runs (its state, serial " + sourceState.serial() + ").");
        promotion.skipped().forEach(s -> err.println("Note: " + s + "."));
        return promotion.plan();
    }

    static int exitCode(Plan plan, boolean detailed) {
        if (plan.blocked()) return ExitCode.BLOCKED;
        return detailed && plan.hasChanges() ? ExitCode.CHANGES : ExitCode.OK;
    }
}
