package dev.flowctl.cli;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.apply.ApplySession;
import dev.flowctl.plan.Plan;
import dev.flowctl.plan.SourceFiles;
import dev.flowctl.spec.Spec;
import java.nio.file.Path;
import java.util.Objects;
import picocli.CommandLine.Model.CommandSpec;

/** The checks that make {@code apply PLANFILE} apply exactly what was reviewed, or nothing. */
final class SavedPlans {
    private SavedPlans() {
    }

    /**
     * Reads the plan and points the options at the flows.yaml and environment it was made for;
     * refuses an explicit -e for another environment.
     */
    static SavedPlan prepare(Path planFile, WorkspaceOptions options, CommandSpec command) {
        SavedPlan saved = SavedPlan.read(planFile);
        Plan plan = saved.plan();
        var parsed = command.commandLine().getParseResult();
        if (!parsed.hasMatchedOption("--file")) options.file = Path.of(saved.specFile());
        if (parsed.hasMatchedOption("--env") && !Objects.equals(options.environment, plan.environment())) {
            throw new UserError(ErrorCode.PLAN_OTHER_STATE, planFile + " was made for " + environmentName(plan.environment()) + ", not "
                    + environmentName(options.environment) + "; run plan with -e " + options.environment + " -out FILE for it.");
        }
        options.environment = plan.environment();
        return saved;
    }

    /** Refuses a plan for another project, or one made from a flows.yaml that changed since. */
    static void requireSameSpec(SavedPlan saved, Spec spec, Path planFile) {
        if (!Objects.equals(saved.plan().project(), spec.project())) {
            throw new UserError(ErrorCode.PLAN_OTHER_STATE, planFile + " was made for project '" + saved.plan().project() + "', but " + spec.file()
                    + " declares project '" + spec.project() + "'; run plan again for this project.");
        }
        if (!saved.specHash().equals(SavedPlan.specHash(spec))) {
            throw new UserError(ErrorCode.PLAN_SOURCES_CHANGED, spec.file() + (spec.includes().isEmpty() ? "" : " or a file it includes")
                    + " changed since " + planFile + " was made; run plan again.");
        }
    }

    /**
     * Under the lock: refuses a plan made for other state, and one whose flow files no longer hash as
     * the plan recorded (before anything is deployed). Returns the plan to apply, as saved.
     */
    static Plan requireCurrent(SavedPlan saved, ApplySession session, SourceFiles files) {
        session.requireCurrent(saved.plan());
        ApplySession.requireFilesAsPlanned(saved.plan(), files);
        return saved.plan();
    }

    private static String environmentName(String env) {
        return env == null ? "the default environment" : "environment '" + env + "'";
    }
}
