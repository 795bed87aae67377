package dev.flowctl.cli;

import dev.flowctl.apply.FlowEngine;
import dev.flowctl.engine.Engines;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateBackends;
import dev.flowctl.state.StoredState;

/**
 * The spec a command works on, with the state backend and engine its environment selects.
 * Local state and the local engine live in {@code .flowctl/} beside flows.yaml
 * ({@code .flowctl/env/<env>/} for a named environment), so results never depend on the cwd.
 */
final class Workspace {
    final Spec spec;
    final String environment;
    private final WorkspaceOptions options;

    private Workspace(Spec spec, WorkspaceOptions options) {
        this.spec = spec;
        this.environment = options.environment;
        this.options = options;
    }

    static Workspace load(WorkspaceOptions options) {
        Spec spec = SpecParser.parse(options.file);
        if (options.environment != null && !spec.environments().containsKey(options.environment)) {
            throw new UserError("unknown environment '" + options.environment + "'; " + options.file
                    + (spec.environments().isEmpty() ? " declares no environments." : " declares: " + String.join(", ", spec.environments().keySet()) + "."));
        }
        return new Workspace(spec, options);
    }

    private String localDir() {
        return localDir(environment);
    }

    private static String localDir(String environment) {
        return environment == null ? ".flowctl/" : ".flowctl/env/" + environment + "/";
    }

    StateBackend stateBackend() {
        if (options.state != null) return StateBackends.fromUri(options.state, spec.baseDir(), spec.stateFor(environment).values());
        requireOwnState();
        return StateBackends.fromSettings(spec.stateFor(environment).values(), spec.baseDir(), localDir() + "state.json");
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
                throw new UserError("environments '" + environment + "' and '" + other + "' both keep their state at " + mine
                        + "; give each its own state.key (or path) in flows.yaml.");
            }
        }
    }

    private String stateLocation(String env) {
        return StateBackends.locationOf(spec.stateFor(env).values(), spec.baseDir(), localDir(env) + "state.json");
    }

    /** Who this command's deployments belong to: the project in the selected environment. */
    dev.flowctl.apply.Owner owner() {
        return new dev.flowctl.apply.Owner(spec.project(), environment);
    }

    /** The engine of the selected environment; the caller closes it. */
    FlowEngine engine() {
        var settings = spec.engineFor(environment);
        if (settings.string("dir").isEmpty()) settings = settings.merge(java.util.Map.of("dir", localDir() + "engine"));
        return Engines.create(settings, spec.baseDir());
    }

    /** The applied state, or null when nothing was applied yet. */
    static dev.flowctl.state.StateDocument read(StateBackend backend) {
        return backend.read().map(StoredState::document).orElse(null);
    }

    /** The applied state of this project, or null when nothing was applied yet; refuses another project's state. */
    dev.flowctl.state.StateDocument readState(StateBackend backend) {
        dev.flowctl.state.StateDocument doc = read(backend);
        if (doc != null && !spec.project().equals(doc.project())) {
            throw new UserError("state at " + backend.location() + " belongs to project '" + doc.project() + "', not '"
                    + spec.project() + "'; point state (or --state) at this project's own state.");
        }
        return doc;
    }
}
