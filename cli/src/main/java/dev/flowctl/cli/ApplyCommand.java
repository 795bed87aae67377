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
                "      Apply a plan saved by 'flowctl plan -out plan.flowplan', as reviewed."})
final class ApplyCommand implements Callable<Integer>, ReadsFlowsYaml {
    @Mixin
    WorkspaceOptions options;

    @Parameters(arity = "0..1", paramLabel = "PLANFILE",
            description = "A plan saved by 'flowctl plan -out PLANFILE': apply exactly it, no prompt.")
    Path planFile;

    @Option(names = "--auto-approve", description = "Apply without asking (for CI).")
    boolean autoApprove;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "10",
            description = "Independent actions run at once (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "0s",
            description = "How long to wait for a held state lock, e.g. 60s or 5m (default: ${DEFAULT-VALUE}, fail at once).")
    String lockTimeout;

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
        SavedPlan saved = planFile == null ? null : SavedPlans.prepare(planFile, options, command);
        Workspace ws = Workspace.loadValid(options);
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
        if (session.restoredNotice() != null) command.commandLine().getErr().println("Warning: " + session.restoredNotice());
        List<LiveFlowVersion> unrecorded = UnrecordedDeployments.find(engine, ws.owner(), session.state());
        if (!unrecorded.isEmpty()) {
            throw new UserError(ErrorCode.STATE_UNRECORDED_DEPLOYMENTS, UnrecordedDeployments.message(unrecorded, ws.owner(), engine.type(), session.location()));
        }
        Plan plan;
        if (saved != null) {
            plan = SavedPlans.requireCurrent(saved, session, SourceFiles.of(ws.spec));
        } else {
            // Like Terraform's refresh: what state records but the engine lost is deployed again.
            plan = new Planner().plan(ws.spec, ws.environment, session.state(),
                    MissingDeployments.find(engine, ws.owner(), session.state()),
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

    private static long countOk(Plan plan, ApplyResult result, Action action) {
        return plan.actionable().stream().filter(c -> c.action() == action && result.succeeded().contains(c.address())).count();
    }
}
