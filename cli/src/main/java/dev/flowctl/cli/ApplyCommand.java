package dev.flowctl.cli;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.apply.ApplyResult;
import dev.flowctl.apply.ApplySession;
import dev.flowctl.apply.MissingDeployments;
import dev.flowctl.apply.UnrecordedDeployments;
import dev.flowctl.cli.render.Style;
import dev.flowctl.cli.render.TextPlanRenderer;
import dev.flowctl.plan.Action;
import dev.flowctl.plan.Plan;
import dev.flowctl.plan.Planner;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.LiveFlowVersion;
import dev.flowctl.plan.SourceFiles;
import dev.flowctl.state.LockInfo;
import dev.flowctl.state.StateBackend;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

@Command(name = "apply", description = {
        "Deploy exactly the flow versions that changed, and record them in state.",
        "",
        "Locks the state, plans against it afresh (redeploying any recorded version the engine no longer lists), shows the plan and asks for confirmation (or --auto-approve), "
                + "then creates and updates before it deletes. State is written after every finished action, and the "
                + "lock is released on every way out, Ctrl-C included.",
        "",
        "With PLANFILE (from 'flowctl plan -out PLANFILE') it applies exactly that plan without asking, and refuses it "
                + "when state, flows.yaml or a deployed file changed since it was made."},
        exitCodeList = {
                "0:Applied, or nothing to do.",
                "1:An error, a failed action (state keeps what did deploy), or the plan was not confirmed.",
                "3:Blocked by a breaking change: nothing was deployed.",
                "130:Interrupted (Ctrl-C or SIGINT): actions in flight finished and were recorded, the lock was released."},
        footer = {
                "%nExamples:",
                "  flowctl apply",
                "      Show the plan, ask for yes, deploy what changed.",
                "  flowctl apply -e prod --auto-approve --lock-timeout 10m",
                "      On merge in CI: no prompt; wait up to 10 minutes for another run's lock.",
                "  flowctl apply plan.flowplan",
                "      Apply a plan saved by 'flowctl plan -out plan.flowplan', as reviewed.",
                "  flowctl apply --replace fleet_features@v1",
                "      Redeploy one version drift reports MODIFIED, without a spec change.",
                "  flowctl apply --target fleet_features@v2",
                "      Deploy one flow version only; nothing else is touched."})
final class ApplyCommand implements Callable<Integer>, ReadsFlowsYaml {
    @Mixin
    WorkspaceOptions options;

    @Parameters(arity = "0..1", paramLabel = "PLANFILE",
            description = "A plan saved by 'flowctl plan -out PLANFILE': apply exactly it, no prompt.")
    Path planFile;

    @Option(names = "--auto-approve", description = "Apply without asking (for CI).")
    boolean autoApprove;

    @Option(names = "--replace", paramLabel = "FLOW@VERSION",
            description = "Redeploy this recorded version even if unchanged, for one drift reports MODIFIED (repeatable).")
    List<String> replace = new java.util.ArrayList<>();

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "10",
            description = "Independent actions run at once (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "0s",
            description = "How long to wait for a held state lock, e.g. 60s or 5m (default: ${DEFAULT-VALUE}, fail at once).")
    String lockTimeout;

    @Mixin
    TargetOptions targets;

    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec command;

    private final Terminal terminal;

    ApplyCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public String leftUndoneOnProblems() {
        return "nothing was planned or changed";
    }

    @Override
    public Integer call() {
        if (parallelism < 1) throw new UserError("--parallelism must be at least 1.");
        Duration timeout = Durations.parse(lockTimeout, "--lock-timeout");
        PrintWriter out = command.commandLine().getOut();
        Style style = Style.of(options.noColor);
        if (planFile != null && !replace.isEmpty()) {
            throw new UserError("--replace cannot change a saved plan; run apply --replace without PLANFILE.");
        }
        if (planFile != null && targets.given()) {
            throw new UserError(ErrorCode.OPTION_INVALID, "a saved plan applies the versions it was made with, so --target and --exclude do not go with "
                    + planFile + "; make a new plan with them: flowctl plan --target … -out FILE.");
        }
        SavedPlan saved = planFile == null ? null : SavedPlans.prepare(planFile, options, command);
        Workspace.prefetchState(options);
        Workspace ws = Workspace.loadValid(options, saved == null ? targets.get() : saved.plan().targets());
        if (saved != null) SavedPlans.requireSameSpec(saved, ws.spec, planFile);
        FlowEngine engine = ws.engine();
        CountDownLatch done = new CountDownLatch(1);
        try (engine; StateBackend backend = ws.stateBackend(saved == null ? null : saved.plan().lineage());
             ApplySession session = ApplySession.open(backend, LockInfo.forThisProcess("apply", FlowctlVersion.get()),
                timeout, FlowctlVersion.get())) {
            PrintWriter err = command.commandLine().getErr();
            Thread hook = new Thread(() -> {
                // Ctrl-C: actions in flight finish and are recorded, then the lock is released; nothing new starts.
                synchronized (err) {
                    err.println("\nInterrupted: finishing actions in flight, recording state and releasing the lock...");
                    err.flush();
                }
                if (session.shutdown(Duration.ofMinutes(5))) {
                    try {
                        done.await(30, TimeUnit.SECONDS); // let the summary print before the JVM halts
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, "flowctl-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return run(ws, engine, session, saved, out, style);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running and waits for `done`
                }
            }
        } finally {
            done.countDown();
        }
    }

    private int run(Workspace ws, FlowEngine engine, ApplySession session, SavedPlan saved, PrintWriter out, Style style) {
        out.println(ContextLine.of(ws, session.location(), session.state() == null));
        out.flush();
        if (session.restoredNotice() != null) command.commandLine().getErr().println("Warning: " + session.restoredNotice());
        List<LiveFlowVersion> unrecorded = UnrecordedDeployments.find(engine, ws.owner(), session.state());
        if (!unrecorded.isEmpty()) {
            throw new UserError(ErrorCode.STATE_UNRECORDED_DEPLOYMENTS, UnrecordedDeployments.message(unrecorded, ws.owner(), engine.type(), session.location()));
        }
        Plan plan;
        if (saved != null) {
            plan = SavedPlans.requireCurrent(saved, session, SourceFiles.of(ws.spec));
            if (plan.partial()) {
                out.println("Applying the saved partial plan " + planFile + ": only the versions selected by "
                        + plan.targets().describe() + " are changed.");
            }
        } else {
            var selected = targets.require(ws.spec, session.state());
            // Like Terraform's refresh: what state records but the engine lost is deployed again.
            plan = new Planner().plan(ws.spec, ws.environment, session.state(),
                    MissingDeployments.find(engine, ws.owner(), session.state()), replacements(ws, session), selected,
                    dev.flowctl.gateway.ops.CallLogFile.recent(ws.callLogFile(), PlanCommand.RECENT_CALL_DAYS, java.time.Clock.systemUTC()));
        }
        new TextPlanRenderer(style).render(plan, out);
        if (plan.blocked()) return ExitCode.BLOCKED;
        if (!plan.hasChanges()) return ExitCode.OK;
        if (!autoApprove && saved == null) {
            if (!terminal.interactive()) {
                throw new UserError(ErrorCode.APPLY_NEEDS_CONFIRMATION, "apply needs confirmation but there is no terminal to ask on; review the plan and run again with --auto-approve.");
            }
            out.flush();
            String answer = terminal.readLine("\nDo you want to perform these actions? Only 'yes' will be accepted: ");
            if (!"yes".equals(answer == null ? null : answer.trim())) {
                out.println("\nApply cancelled; nothing was changed.");
                return ExitCode.ERROR;
            }
        }
        out.println();
        out.flush();
        // One path for both: the plan's actions are executed as they are, whether just made or read from PLANFILE.
        ApplyResult result = session.apply(plan, SourceFiles.of(ws.spec), engine, parallelism,
                new ApplyProgress(out, style, terminal.interactive(), plan.actionable().size()));
        long created = countOk(plan, result, Action.CREATE);
        long updated = countOk(plan, result, Action.UPDATE);
        long deleted = countOk(plan, result, Action.DELETE);
        String counts = created + " created, " + updated + " updated, " + deleted + " deleted";
        // Only the kinds present, so an apply without them reads as before.
        for (Action a : new Action[] {Action.MOVE, Action.FORGET, Action.REPLACE}) {
            long n = countOk(plan, result, a);
            if (plan.count(a) > 0) counts += ", " + n + (a == Action.MOVE ? " moved" : a == Action.FORGET ? " forgotten" : " replaced");
        }
        // Done only when every planned action is: an action without a result is never "complete".
        if (result.ok() && result.succeeded().size() == plan.actionable().size()) {
            out.println("\n" + style.green("Apply complete! Flow versions: " + counts + ".") + " State serial " + result.serial() + ".");
            return ExitCode.OK;
        }
        PrintWriter err = command.commandLine().getErr();
        err.println("\nApply incomplete: " + counts + "; " + result.failed().size() + " failed, " + result.skipped().size()
                + " not started. State records every finished action; fix the cause and run apply again."
                + ErrorOutput.tag(ErrorCode.APPLY_INCOMPLETE));
        // Each failure was printed in full as it happened; the list names them one line each, with the code of its error.
        new java.util.TreeMap<>(result.failed()).forEach((a, m) -> err.println("  " + a + ": " + m.lines().findFirst().orElse("")
                + ErrorOutput.tag(result.failureCode(a))));
        return ExitCode.ERROR;
    }

    /** The --replace addresses, each declared in flows.yaml and recorded in state: only what flowctl deployed is redeployed. */
    private java.util.Set<dev.flowctl.spec.FlowVersionAddress> replacements(Workspace ws, ApplySession session) {
        java.util.Set<dev.flowctl.spec.FlowVersionAddress> out = new java.util.TreeSet<>();
        for (String text : replace) {
            dev.flowctl.spec.FlowVersionAddress a;
            try {
                a = dev.flowctl.spec.FlowVersionAddress.parse(text);
            } catch (IllegalArgumentException e) {
                throw new UserError("--replace " + e.getMessage() + ".");
            }
            if (session.state() == null || !session.state().versions().containsKey(a.toString())) {
                throw new UserError(ErrorCode.STATE_ADDRESS_NOT_FOUND, "--replace " + a + ": " + a + " is not in state at " + session.location()
                        + ", so flowctl did not deploy it and will not redeploy it; 'flowctl show' lists what state records.");
            }
            var flow = ws.spec.flows().get(a.flow());
            if (flow == null || !flow.versions().containsKey(a.version())) {
                throw new UserError(ErrorCode.STATE_ADDRESS_NOT_FOUND, "--replace " + a + ": " + a + " is not declared in " + options.file
                        + ", so there is nothing to redeploy it from; declare it again, or let apply delete it.");
            }
            out.add(a);
        }
        return out;
    }

    private static long countOk(Plan plan, ApplyResult result, Action action) {
        return plan.actionable().stream().filter(c -> c.action() == action && result.succeeded().contains(c.address())).count();
    }
}
