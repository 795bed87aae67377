package dev.flowctl.cli;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.plan.DesiredState;
import dev.flowctl.plan.PlannedDeployment;
import dev.flowctl.plan.VersionDigest;
import dev.flowctl.port.Deployment;
import dev.flowctl.port.DeploymentRequest;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.spec.FlowSpec;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.VersionSpec;
import dev.flowctl.state.DeployedVersion;
import dev.flowctl.state.LockInfo;
import dev.flowctl.state.LockWaiter;
import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateDocument;
import dev.flowctl.state.StoredState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

@Command(name = "import", description = {
        "Adopt a deployment made outside flowctl into state, after checking it matches flows.yaml.",
        "",
        "For example a state machine deployed by hand with Metaflow: declare the version in flows.yaml, then run",
        "  flowctl import fleet_features@v1 arn:aws:states:…:stateMachine:FleetFeatures",
        "Nothing is redeployed; the next plan shows no changes for it."},
        exitCodeList = {
                "0:Imported.",
                "1:An error, including a deployment that does not match flows.yaml.",
                "130:Interrupted (Ctrl-C or SIGINT)."})
final class ImportCommand implements Callable<Integer>, ReadsFlowsYaml {
    @Mixin
    WorkspaceOptions options;

    @Parameters(index = "0", paramLabel = "FLOW@VERSION", description = "The version in flows.yaml to record, e.g. fleet_features@v1.")
    String address;

    @Parameters(index = "1", paramLabel = "ENGINE-REF", description = "The engine's reference: an ARN, a path, what drift lists.")
    String engineRef;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "0s",
            description = "How long to wait for a held state lock (default: ${DEFAULT-VALUE}).")
    String lockTimeout;

    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec command;

    @Override
    public String leftUndoneOnProblems() {
        return "nothing was imported";
    }

    @Override
    public Integer call() {
        FlowVersionAddress a;
        try {
            a = FlowVersionAddress.parse(address);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + ".");
        }
        Workspace.prefetchState(options);
        Workspace ws = Workspace.loadValid(options);
        FlowSpec flow = ws.spec.flows().get(a.flow());
        VersionSpec v = flow == null ? null : flow.versions().get(a.version());
        if (v == null) {
            throw new UserError(ErrorCode.IMPORT_REFUSED, a + " is not in " + options.file + "; declare it there (with the inputs it takes), then import it.");
        }
        LockInfo lock = LockInfo.forThisProcess("import", FlowctlVersion.get());
        try (StateBackend backend = ws.stateBackend(); FlowEngine engine = ws.engine()) {
            LockWaiter.acquire(backend, lock, Durations.parse(lockTimeout, "--lock-timeout"));
            try {
                return importInto(backend, ws, a, v, engine);
            } finally {
                backend.unlock(lock.id());
            }
        }
    }

    /** Under the lock: records the adopted deployment in this project's state. */
    private int importInto(StateBackend backend, Workspace ws, FlowVersionAddress a, VersionSpec v, FlowEngine engine) {
        StoredState stored = backend.read().orElse(null);
        StateDocument doc = stored == null ? StateDocument.empty(ws.spec.project(), ws.environment, FlowctlVersion.get())
                : stored.base(); // after a restore, continue above the newest kept version
        if (stored != null && stored.restored()) command.commandLine().getErr().println("Warning: " + stored.restoredNotice(backend.location()));
        DeployedVersion existing = doc.versions().get(a.toString());
        if (existing != null) {
            throw new UserError(ErrorCode.IMPORT_REFUSED, a + " is already in state (engine reference " + existing.engineRef() + "); nothing to import.");
        }
        DesiredState desired = DesiredState.of(ws.spec, ws.environment);
        VersionDigest digest = desired.digest(v);
        PlannedDeployment planned = desired.deployment(v, digest);
        Deployment d = engine.adopt(DeploymentRequest.of(ws.owner(), a, digest, planned, desired.files(), false, null), engineRef);
        StateDocument next = doc.withVersion(new DeployedVersion(a.flow(), a.version(), digest.sourceHash(), digest.definitionHash(),
                engine.type(), digest.engineSettingsHash(), d.engineRef(), planned.schema(), List.of(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS))).nextSerial(FlowctlVersion.get());
        backend.write(next, stored == null ? null : stored.etag());
        command.commandLine().getOut().println("Imported " + a + " (" + d.engineRef() + ") into state; serial " + next.serial() + ".");
        return ExitCode.OK;
    }
}
