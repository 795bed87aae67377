package dev.flowctl.engine;

import dev.flowctl.apply.EngineException;
import dev.flowctl.apply.FlowEngine;
import dev.flowctl.engine.local.LocalEngine;
import dev.flowctl.spec.Settings;
import java.nio.file.Path;

/** Chooses the engine adapter named by {@code engine.type} (default {@code local}). */
public final class Engines {
    private Engines() {
    }

    /**
     * @param baseDir the directory of flows.yaml; the local engine lives in {@code .flowctl/engine/} under it
     */
    public static FlowEngine create(Settings settings, Path baseDir) {
        String type = settings.string("type").orElse("local");
        return switch (type) {
            case "local" -> new LocalEngine(baseDir.resolve(settings.string("dir").orElse(".flowctl/engine")));
            default -> throw new EngineException("unknown engine type '" + type + "'; use local.");
        };
    }
}
