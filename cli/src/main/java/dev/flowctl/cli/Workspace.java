package dev.flowctl.cli;

import dev.flowctl.engine.adapters.Engines;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.sourcesync.FlowSourceSync;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecException;
import dev.flowctl.spec.SpecParser;
import dev.flowctl.spec.SpecProblem;
import dev.flowctl.state.CheckedStateBackend;
import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateOwner;
import dev.flowctl.state.StoredState;
import dev.flowctl.state.backends.StateBackends;
import java.nio.file.Path;

/**
 * The spec a command works on, with the state backend and engine its environment selects.
 * Local state and the local engine live in {@code .flowctl/} beside flows.yaml
 * ({@code .flowctl/env/<env>/} for a named environment), so results never depend on the cwd.
 */
final class Workspace {
    final Spec spec;
    final String environment;
    /** Checks that were skipped (e.g. no python3 for the flow source check), for the command to show as warnings. */
    final java.util.List<String> warnings = new java.util.ArrayList<>();
    private final WorkspaceOptions options;
    /** The flow source check while it runs (see {@link #loadValidLater}), else null. */
    private FlowSourceSync.Running sourceCheck;

    private Workspace(Spec spec, WorkspaceOptions options) {
        this.spec = spec;
        this.environment = options.environment;
        this.options = options;
    }

    /** Where this environment's state is, as its backend names it. */
    String stateLocation() {
        return options.state != null ? options.state : stateLocation(environment);
    }

    /**
     * For a command that reads its state right after flows.yaml: starts decoding the state at its
     * default local location while flows.yaml is parsed. Where the state is becomes known only from
     * flows.yaml; a prefetch of another file, or of bytes that changed since, is not used (StatePrefetch).
     */
    static void prefetchState(WorkspaceOptions options) {
        if (options.state != null) return;
        Path base = options.file.toAbsolutePath().normalize().getParent();
        if (base != null) dev.flowctl.state.StatePrefetch.start(base.resolve(localDir(options.environment) + "state.json"));
    }

    static Workspace load(WorkspaceOptions options) {
        String text = SpecParser.read(options.file);
        // Building an S3 client takes a third of a second: start on it while flows.yaml is parsed.
        if (options.state != null ? options.state.startsWith("s3://") : namesS3(text)) {
            dev.flowctl.state.s3.S3Clients.warmUp();
        }
        Spec spec = SpecParser.parse(options.file, text);
        requireSelectable(spec, options.environment, options.file);
        return new Workspace(spec, options);
    }

    /**
     * Whether flows.yaml's text names an S3 state backend ({@code backend: s3}, quoted or not): a
     * cheap guess, for warming up an S3 client only (S3Clients#warmUp). The spec itself says, once
     * parsed, where state is.
     */
    static boolean namesS3(String flowsYaml) {
        for (int i = flowsYaml.indexOf("backend"); i >= 0; i = flowsYaml.indexOf("backend", i + 1)) {
            int j = i + "backend".length();
            while (j < flowsYaml.length() && " \t'\":".indexOf(flowsYaml.charAt(j)) >= 0) j++;
            if (flowsYaml.startsWith("s3", j) && (j + 2 == flowsYaml.length() || !Character.isLetterOrDigit(flowsYaml.charAt(j + 2)))) {
                return true;
            }
        }
        return false;
    }

    /** -e must name a declared environment or an instance of a template, never a template itself. */
    private static void requireSelectable(Spec spec, String environment, java.nio.file.Path file) {
        if (environment == null) return;
        var env = spec.environment(environment);
        if (env.isEmpty()) {
            throw new UserError(dev.flowctl.errors.ErrorCode.UNKNOWN_ENVIRONMENT, "unknown environment '" + environment + "'; " + file
                    + (spec.environments().isEmpty() ? " declares no environments." : " declares: " + String.join(", ", spec.environments().values()
                    .stream().map(e -> e.template() ? e.instances() + " (template " + e.name() + ")" : e.name()).toList()) + "."));
        }
        if (env.get().template()) {
            throw new UserError(dev.flowctl.errors.ErrorCode.UNKNOWN_ENVIRONMENT, "environment '" + environment + "' is a template for preview"
                    + " environments, not one itself; select a preview with a name it admits, e.g. -e " + env.get().instances().replace("*", "123") + ".");
        }
    }

    /** The same spec in environment {@code other} (its state from flows.yaml, never --state), e.g. the source of a promotion. */
    Workspace sibling(String other) {
        requireSelectable(spec, other, options.file);
        WorkspaceOptions o = new WorkspaceOptions();
        o.file = options.file;
        o.environment = other;
        return new Workspace(spec, o);
    }

    /** The template the selected environment is a preview of, or null for a declared environment (or none). */
    String templateOfEnvironment() {
        return spec.environment(environment).map(dev.flowctl.spec.Environment::templateOf).orElse(null);
    }

    /**
     * Loads with the engine settings checked, for the commands that start runs of what is applied
     * (run, runs, serve): they check inputs against the applied schema, so a flow source edited in the
     * working copy since the apply — which plan would refuse until it matches flows.yaml again — must
     * not stop runs of the deployed version, nor a running gateway's reload.
     */
    static Workspace loadForRuns(WorkspaceOptions options) {
        Workspace ws = load(options);
        Engines.check(ws.spec);
        return ws;
    }

    /**
     * Loads and runs every check of {@code validate}, engine settings included, for the commands that
     * act on an environment (plan, apply, drift, import): a spec that validate rejects never plans green.
     */
    static Workspace loadValid(WorkspaceOptions options) {
        return loadValid(options, dev.flowctl.spec.Targets.ALL);
    }

    /** As {@link #loadValid(WorkspaceOptions)}, reading the flow sources of the {@code targets} versions only. */
    static Workspace loadValid(WorkspaceOptions options, dev.flowctl.spec.Targets targets) {
        Workspace ws = loadValidLater(options, targets);
        ws.awaitSourceCheck();
        return ws;
    }

    /**
     * As {@link #loadValid}, but the flow source check (python3) runs on while the caller reads state and
     * plans: the caller must call {@link #awaitSourceCheck()} before it shows or saves anything.
     */
    static Workspace loadValidLater(WorkspaceOptions options, dev.flowctl.spec.Targets targets) {
        Workspace ws = loadForRuns(options);
        ws.sourceCheck = FlowSourceSync.start(ws.spec, targets::matches);
        return ws;
    }

    /** Waits for the flow source check: its problems fail the command, its warnings join {@link #warnings}. */
    void awaitSourceCheck() {
        if (sourceCheck == null) return;
        FlowSourceSync.Result sources = sourceCheck.await();
        sourceCheck = null;
        if (!sources.problems().isEmpty()) {
            throw new SpecException(dev.flowctl.errors.ErrorCode.SOURCE_PARAMETERS_MISMATCH, sources.problems().stream().sorted(java.util.Comparator.comparingInt(SpecProblem::line)
                    .thenComparingInt(SpecProblem::column)).toList());
        }
        warnings.addAll(sources.warnings());
    }

    /** Shows the checks that were skipped, once each, before the command's own output. */
    void printWarnings(java.io.PrintWriter err) {
        warnings.forEach(w -> err.println("Warning: " + w));
    }

    /** The gateway's call log of this environment, beside its local state (docs/operations.md). */
    Path callLogFile() {
        return callLogFile(spec.baseDir(), environment);
    }

    /** The same, from the options alone: the gateway opens it before it reads flows.yaml. */
    static Path callLogFile(WorkspaceOptions options) {
        return callLogFile(options.file.toAbsolutePath().normalize().getParent(), options.environment);
    }

    private static Path callLogFile(Path baseDir, String environment) {
        return baseDir.resolve(localDir(environment) + dev.flowctl.gateway.ops.CallLogFile.FILE_NAME);
    }

    private String localDir() {
        return localDir(environment);
    }

    private static String localDir(String environment) {
        return environment == null ? ".flowctl/" : ".flowctl/env/" + environment + "/";
    }

    /**
     * The state backend of this environment, the one way commands reach state: every read through it
     * is refused unless the state belongs to this project and environment. The caller closes it.
     */
    StateBackend stateBackend() {
        return stateBackend(null);
    }

    /** As {@link #stateBackend()}, also refusing a state of another lineage than {@code expectedLineage} (null: any). */
    StateBackend stateBackend(String expectedLineage) {
        StateBackend backend;
        if (options.state != null) {
            backend = StateBackends.fromUri(options.state, spec.baseDir(), spec.stateFor(environment).values());
        } else {
            requireOwnState();
            backend = StateBackends.fromSettings(spec.stateFor(environment).values(), spec.baseDir(), localDir() + "state.json");
        }
        return new CheckedStateBackend(backend, StateOwner.of(spec.project(), environment).withLineage(expectedLineage));
    }

    /**
     * Environments (and tenants) must not share a state: one state and one lock for two of them
     * would mix their deployments. Checked from settings alone, before anything is read.
     */
    private void requireOwnState() {
        if (environment == null) return;
        String mine = stateLocation(environment);
        for (String other : spec.environments().keySet()) {
            if (!other.equals(environment) && stateLocation(other).equals(mine)) {
                throw new UserError(dev.flowctl.errors.ErrorCode.ENVIRONMENTS_COLLIDE, "environments '" + environment + "' and '" + other + "' both keep their state at " + mine
                        + "; give each its own state.key (or path) in flows.yaml.");
            }
        }
    }

    private String stateLocation(String env) {
        return StateBackends.locationOf(spec.stateFor(env).values(), spec.baseDir(), localDir(env) + "state.json");
    }

    /** Who this command's deployments belong to: the project in the selected environment. */
    dev.flowctl.port.Owner owner() {
        return new dev.flowctl.port.Owner(spec.project(), environment);
    }

    /** The engine of the selected environment; the caller closes it. */
    FlowEngine engine() {
        var settings = spec.engineFor(environment);
        if (settings.string("dir").isEmpty()) settings = settings.merge(java.util.Map.of("dir", localDir() + "engine"));
        return Engines.create(settings, spec.baseDir());
    }

    /** The applied state (checked by the backend {@link #stateBackend} gave), or null when nothing was applied yet. */
    static dev.flowctl.state.StateDocument readState(StateBackend backend) {
        return backend.read().map(StoredState::document).orElse(null);
    }
}
