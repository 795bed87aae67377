package dev.flowctl.engine.adapters;

import dev.flowctl.engine.DeploymentNames;
import dev.flowctl.engine.EngineSettings;
import dev.flowctl.errors.ErrorCode;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.engine.command.CommandEngine;
import dev.flowctl.engine.command.CommandLineTemplate;
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
            default -> new LocalEngine(baseDir.resolve(settings.string("dir").orElse(".flowctl/engine")), baseDir);
        };
    }

    /**
     * Refuses two environments that would deploy under the same names into one engine: the same
     * engine target (Step Functions region, endpoint and profile; the same deploy command) with a
     * {@code names:} pattern that leaves out {@code {environment}}. The ownership marks would refuse
     * the second environment's creates one by one; this says why before anything runs. The local
     * engine always keeps environments apart.
     */
    public static void requireDistinctNames(Spec spec, String environment) {
        Settings mine = spec.engineFor(environment);
        String myTarget = target(mine);
        if (myTarget == null || names(mine).contains("{environment}")) return;
        List<String> others = new ArrayList<>();
        others.add(null);
        others.addAll(spec.environments().keySet());
        for (String other : others) {
            if (java.util.Objects.equals(other, environment)) continue;
            Settings theirs = spec.engineFor(other);
            if (myTarget.equals(target(theirs)) && names(theirs).equals(names(mine))) {
                throw new EngineException(ErrorCode.ENVIRONMENTS_COLLIDE, "environments " + label(environment) + " and " + label(other) + " would deploy under the"
                        + " same names into one engine (" + myTarget + "), because names: \"" + names(mine) + "\" leaves out"
                        + " {environment}; put {environment} back into names:, or give each environment its own account, region or endpoint.");
            }
        }
    }

    private static String label(String environment) {
        return environment == null ? "(default)" : "'" + environment + "'";
    }

    private static String names(Settings s) {
        return s.string("names").orElse(DeploymentNames.DEFAULT_PATTERN);
    }

    /** Where an engine deploys, as far as its settings say; null for the local engine (always per environment). */
    private static String target(Settings s) {
        return switch (s.string("type").orElse("local")) {
            case "stepfunctions" -> "Step Functions in region " + s.string("region").orElse("(AWS default)")
                    + s.string("endpoint").map(e -> " at " + e).orElse("") + s.string("profile").map(p -> ", profile " + p).orElse("");
            case "command", "metaflow" -> "the command " + s.string("deploy").orElse("(metaflow preset)");
            default -> null;
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
                    case "local" -> merged.string("run").ifPresent(t -> new CommandLineTemplate("run", t));
                    case "stepfunctions" -> {
                        EngineSettings.required(merged, "roleArn", type, "arn:aws:iam::123456789012:role/flows");
                        if (v.definition() == null) {
                            throw new EngineException(ErrorCode.ENGINE_DEFINITION_INVALID, v.address() + " has no definition: the stepfunctions engine"
                                    + " deploys an Amazon States Language file; add definition: to the version in flows.yaml.");
                        }
                    }
                    default -> {
                    }
                }
            }
            requireDistinctNames(spec, env);
        }
    }
}
