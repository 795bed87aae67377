package dev.flowctl.cli;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.state.DeployedVersion;
import dev.flowctl.state.LockInfo;
import dev.flowctl.state.LockWaiter;
import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateDocument;
import dev.flowctl.state.StoredState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

@Command(name = "rm", description = {
        "Forget flow versions in state without deleting them from the engine.",
        "",
        "Under the state lock: shows what it forgets and asks (or --auto-approve), then writes state once, which "
                + "keeps the previous version in the state history. The engine keeps running what was forgotten and "
                + "its name is not retired: 'flowctl import' adopts it again. In flows.yaml, a removed: entry does the "
                + "same through plan and apply."},
        exitCodeList = {
                "0:Forgotten.",
                "1:An error: an address not in state, no confirmation, or a held lock.",
                "130:Interrupted (Ctrl-C or SIGINT)."},
        footer = {
                "%nExamples:",
                "  flowctl state rm fleet_features@v1",
                "      Forget one version; the engine keeps it.",
                "  flowctl state rm -e prod --auto-approve legacy_flow",
                "      Forget every version of a flow, without a prompt (CI)."})
final class StateRmCommand implements Callable<Integer>, ReadsFlowsYaml {
    @Mixin
    WorkspaceOptions options;

    @Parameters(arity = "1..*", paramLabel = "ADDRESS", description = "flow@version to forget, or a flow name for all its versions.")
    List<String> addresses;

    @Option(names = "--auto-approve", description = "Forget without asking (for CI).")
    boolean autoApprove;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "0s",
            description = "How long to wait for a held state lock (default: ${DEFAULT-VALUE}).")
    String lockTimeout;

    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec command;

    private final Terminal terminal;

    StateRmCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public String leftUndoneOnProblems() {
        return "nothing was forgotten";
    }

    @Override
    public Integer call() {
        Workspace ws = Workspace.load(options);
        LockInfo lock = LockInfo.forThisProcess("state rm", FlowctlVersion.get());
        try (StateBackend backend = ws.stateBackend()) {
            LockWaiter.acquire(backend, lock, Durations.parse(lockTimeout, "--lock-timeout"));
            try {
                return forget(backend, ws);
            } finally {
                backend.unlock(lock.id());
            }
        }
    }

    /** Under the lock: every address must be in state, or nothing is forgotten. */
    private int forget(StateBackend backend, Workspace ws) {
        StoredState stored = backend.read().orElse(null);
        if (stored == null) throw new UserError(ErrorCode.STATE_EMPTY, "no state at " + backend.location() + " yet: nothing has been applied.");
        if (stored.restored()) command.commandLine().getErr().println("Warning: " + stored.restoredNotice(backend.location()));
        StateDocument doc = stored.base(); // after a restore, continue above the newest kept version
        List<DeployedVersion> forgotten = new ArrayList<>();
        for (String address : addresses) {
            boolean wholeFlow = address.indexOf('@') < 0;
            List<DeployedVersion> matched = doc.versions().values().stream()
                    .filter(d -> wholeFlow ? d.flow().equals(address) : d.address().equals(address)).toList();
            if (matched.isEmpty()) {
                throw new UserError(ErrorCode.STATE_ADDRESS_NOT_FOUND, (wholeFlow ? "no version of flow " + address : address) + " is in state at "
                        + backend.location() + "; nothing was forgotten ('flowctl show' lists what state records).");
            }
            matched.stream().filter(d -> !forgotten.contains(d)).forEach(forgotten::add);
        }
        PrintWriter out = command.commandLine().getOut();
        out.println("flowctl will forget " + forgotten.size() + " flow version" + (forgotten.size() == 1 ? "" : "s")
                + " (removed from state, left running in the engine):");
        for (DeployedVersion d : forgotten) {
            out.println("  . " + d.address() + " (engine reference " + d.engineRef() + ")");
            var flow = ws.spec.flows().get(d.flow());
            if (flow != null && flow.versions().containsKey(d.version())) {
                out.println("    still declared in flows.yaml: the next plan creates it, and the engine refuses that over the live one;"
                        + " remove it there too (or add a removed: entry instead of this command).");
            }
        }
        if (!autoApprove) {
            if (!terminal.interactive()) {
                throw new UserError(ErrorCode.APPLY_NEEDS_CONFIRMATION, "state rm needs confirmation but there is no terminal to ask on;"
                        + " review the list and run again with --auto-approve.");
            }
            out.flush();
            String answer = terminal.readLine("\nDo you want to forget these versions? Only 'yes' will be accepted: ");
            if (!"yes".equals(answer == null ? null : answer.trim())) {
                out.println("\nCancelled; nothing was forgotten.");
                return ExitCode.ERROR;
            }
        }
        for (DeployedVersion d : forgotten) doc = doc.withForgotten(d.address());
        StateDocument next = doc.nextSerial(FlowctlVersion.get());
        backend.write(next, stored.etag());
        out.println("Forgot " + forgotten.size() + " flow version" + (forgotten.size() == 1 ? "" : "s") + "; state serial " + next.serial()
                + ". The engine still runs " + (forgotten.size() == 1 ? "it" : "them") + "; 'flowctl import' adopts one again.");
        return ExitCode.OK;
    }
}
