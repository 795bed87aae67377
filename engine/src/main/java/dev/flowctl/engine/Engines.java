package dev.flowctl.engine;

import dev.flowctl.apply.FlowEngine;
import dev.flowctl.engine.command.CommandEngine;
import dev.flowctl.engine.local.LocalEngine;
import dev.flowctl.engine.stepfunctions.StepFunctionsEngine;
import dev.flowctl.spec.Settings;
import java.nio.file.Path;

/** Chooses the engine adapter named by {@code engine.type} (default {@code local}) and checks its settings. */
public final class Engines {
    private Engines() {
    }

    /**
     * @param baseDir the directory of flows.yaml; the local engine lives in {@code .flowctl/engine/} under it,
     *                and commands run there
     */
    public static FlowEngine create(Settings settings, Path baseDir) {
        String type = settings.string("type").orElse("local");
        EngineSettings.check(type, settings, "engine");
        return switch (type) {
            case "command", "metaflow" -> new CommandEngine(type, settings, baseDir);
            case "stepfunctions" -> StepFunctionsEngine.create(settings);
            default -> new LocalEngine(baseDir.resolve(settings.string("dir").orElse(".flowctl/engine")));
        };
    }
}
