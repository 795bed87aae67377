package dev.flowctl.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowctl.plan.DesiredState;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.Owner;
import dev.flowctl.port.RunInfo;
import dev.flowctl.port.RunRef;
import dev.flowctl.port.RunRequest;
import dev.flowctl.runtime.InputSchema;
import dev.flowctl.spec.FlowSpec;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.RunInputs;
import dev.flowctl.spec.Settings;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.VersionSpec;
import dev.flowctl.state.DeployedVersion;
import dev.flowctl.state.StateDocument;
import dev.flowctl.state.Tombstone;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts and follows runs of deployed flow versions, for {@code flowctl run}, {@code flowctl runs}
 * and the gateway alike: resolves the version in the applied state (not in flows.yaml), checks the
 * input against the schema that was applied, and hands the engine the canonical input JSON.
 */
public final class RunService {
    private final Spec spec;
    private final String environment;
    private final StateDocument state;
    private final FlowEngine engine;
    private final Owner owner;
    private final Map<FlowVersionAddress, Prepared> prepared = new ConcurrentHashMap<>();

    /** @param state the applied state of {@code environment}, or null when nothing was applied */
    public RunService(Spec spec, String environment, StateDocument state, FlowEngine engine) {
        this.spec = spec;
        this.environment = environment;
        this.state = state;
        this.engine = engine;
        this.owner = new Owner(spec.project(), environment);
    }

    /**
     * Checks {@code input} against the applied schema of {@code address} and starts a run.
     *
     * @throws dev.flowctl.runtime.InvalidInputException naming every offending field, before the engine is called
     * @throws NotDeployedException  when the version is not in the applied state
     */
    public RunRef start(FlowVersionAddress address, JsonNode input, String idempotencyKey) {
        Prepared p = prepared.computeIfAbsent(address, this::prepare);
        String canonical = p.schema().check(input).text();
        RunRef started = engine.start(new RunRequest(owner, engineAddress(p.deployed()), p.deployed().engineRef(), canonical,
                idempotencyKey, p.settings()));
        return new RunRef(address, started.runId());
    }

    /** What every start of one version needs, worked out once per state (the gateway starts many): compiled schema, settings. */
    private record Prepared(DeployedVersion deployed, InputSchema schema, Settings settings) {
    }

    private Prepared prepare(FlowVersionAddress address) {
        DeployedVersion deployed = deployed(address);
        return new Prepared(deployed, RunInputs.schema(deployed.schema().tree()), settings(address, deployed));
    }

    public RunInfo describe(RunRef run) {
        return named(run.address(), engine.describe(owner, new RunRef(engineAddress(deployed(run.address())), run.runId())));
    }

    public void cancel(RunRef run) {
        engine.cancel(owner, new RunRef(engineAddress(deployed(run.address())), run.runId()));
    }

    /** The most recent runs of a deployed version, newest first; a moved version's runs include those from before the move. */
    public List<RunInfo> runs(FlowVersionAddress address, int limit) {
        DeployedVersion d = deployed(address);
        return engine.runs(owner, engineAddress(d), d.engineRef(), limit).stream().map(i -> named(address, i)).toList();
    }

    /** A run as the user named its version (the engine names a moved one by its old name). */
    private static RunInfo named(FlowVersionAddress address, RunInfo i) {
        if (i.ref().address().equals(address)) return i;
        return new RunInfo(new RunRef(address, i.ref().runId()), i.state(), i.startedAt(), i.stoppedAt(), i.error(), i.output());
    }

    /** The engine knows a version renamed by moved: by the name it was deployed under. */
    private static FlowVersionAddress engineAddress(DeployedVersion d) {
        return FlowVersionAddress.parse(d.engineAddress());
    }

    /** The version as applied; one sentence naming what is live (or what replaced it) when it is not. */
    public DeployedVersion deployed(FlowVersionAddress address) {
        DeployedVersion d = state == null ? null : state.versions().get(address.toString());
        if (d != null) return d;
        throw new NotDeployedException(notDeployed(address));
    }

    private String notDeployed(FlowVersionAddress address) {
        String where = environment == null ? "" : " in environment " + environment;
        List<String> live = state == null ? List.of() : state.versions().values().stream()
                .filter(v -> v.flow().equals(address.flow())).map(DeployedVersion::version).sorted().toList();
        Tombstone gone = state == null ? null : state.tombstones().get(address.toString());
        String liveText = live.isEmpty() ? "no version of " + address.flow() + " is deployed" + where
                : "deployed versions of " + address.flow() + ": " + String.join(", ", live);
        if (gone != null) {
            return address + " was deleted" + where + " on " + gone.deletedAt() + "; " + liveText + ".";
        }
        return address + " is not deployed" + where + "; " + liveText + (live.isEmpty() ? "; run flowctl apply first." : ".");
    }

    /**
     * The engine settings the version was deployed with. State records their hash, not the settings, so
     * they are taken from flows.yaml and must hash the same: a run never uses a run command or target
     * that was edited but not applied.
     */
    private Settings settings(FlowVersionAddress address, DeployedVersion deployed) {
        DesiredState desired = DesiredState.of(spec, environment);
        FlowSpec flow = spec.flows().get(address.flow());
        VersionSpec v = flow == null ? null : flow.versions().get(address.version());
        Settings settings = v == null ? spec.engineFor(environment) : desired.settings(v);
        if (!DesiredState.settingsHash(settings).equals(deployed.engineSettingsHash())) {
            throw new EngineException(dev.flowctl.errors.ErrorCode.RUN_SETTINGS_CHANGED, "the engine settings of " + address + " in flows.yaml are not the ones it was deployed with;"
                    + " apply them first (flowctl plan shows the update), so that a run uses what was deployed.");
        }
        return settings;
    }

    /** A run was asked of a version the applied state does not hold. */
    public static final class NotDeployedException extends EngineException {
        NotDeployedException(String message) {
            super(dev.flowctl.errors.ErrorCode.RUN_VERSION_NOT_DEPLOYED, message);
        }
    }
}
