package dev.flowctl.engine.local;

import dev.flowctl.apply.DeploymentRequest;
import dev.flowctl.apply.FlowEngine;
import dev.flowctl.engine.FlowEngineContract;
import dev.flowctl.spec.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

class LocalEngineTest extends FlowEngineContract {
    private FlowEngine engine;

    @Override
    protected FlowEngine engine() {
        if (engine == null) engine = new LocalEngine(work.resolve("engine"));
        return engine;
    }

    @Override
    protected Settings settings() {
        return Settings.empty();
    }

    /** A file where the flow's directory should be: the engine cannot write there. */
    @Override
    protected DeploymentRequest failingRequest(String project) {
        try {
            Path blocker = work.resolve("engine").resolve(project).resolve("fleet_features");
            Files.createDirectories(blocker.getParent());
            Files.writeString(blocker, "not a directory");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fixtures.request(project, "fleet_features", "v1", "x", settings(), false);
    }
}
