package dev.flowctl.cli;

import dev.flowctl.port.FlowEngine;
import dev.flowctl.run.RunService;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StateDocument;

/** The run service of one environment for a command: its spec, its applied state and its engine, closed together. */
final class RunAccess implements AutoCloseable {
    final RunService service;
    private final FlowEngine engine;

    private RunAccess(RunService service, FlowEngine engine) {
        this.service = service;
        this.engine = engine;
    }

    static RunAccess open(WorkspaceOptions options) {
        Workspace ws = Workspace.loadForRuns(options);
        StateDocument state;
        try (StateBackend backend = ws.stateBackend()) {
            state = Workspace.readState(backend);
        }
        FlowEngine engine = ws.engine();
        return new RunAccess(new RunService(ws.spec, ws.environment, state, engine), engine);
    }

    static FlowVersionAddress address(String text) {
        try {
            return FlowVersionAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + ".");
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
