package dev.flowctl.engine;

import dev.flowctl.apply.FlowEngine;
import dev.flowctl.engine.command.CommandEngine;
import dev.flowctl.engine.local.LocalEngine;
import dev.flowctl.engine.stepfunctions.StepFunctionsEngine;
import dev.flowctl.spec.Settings;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.VersionSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Checks the engine settings of every environment and every version without contacting an
     * engine, for {@code flowctl validate}: known type, known keys, required settings, commands.
     */
    public static void check(Spec spec) {
        List<String> environments = new ArrayList<>();
        environments.add(null);
        environments.addAll(spec.environments().keySet());
        for (String env : environments) {
            String where = env == null ? "engine" : "environment '" + env + "' engine";
            Settings settings = spec.engineFor(env);
            String type = settings.string("type").orElse("local");
            EngineSettings.check(type, settings, where);
            for (VersionSpec v : spec.versions()) {
                Settings merged = settings.merge(v.engine());
                EngineSettings.check(type, merged, where + " of " + v.address());
                switch (type) {
                    case "command", "metaflow" -> new CommandEngine(type, merged, spec.baseDir());
                    case "stepfunctions" -> {
                        EngineSettings.required(merged, "roleArn", type, "arn:aws:iam::123456789012:role/flows");
                        if (v.definition() == null) {
                            throw new dev.flowctl.apply.EngineException(v.address() + " has no definition: the stepfunctions engine"
                                    + " deploys an Amazon States Language file; add definition: to the version in flows.yaml.");
                        }
                    }
                    default -> {
                    }
                }
            }
        }
    }
}
