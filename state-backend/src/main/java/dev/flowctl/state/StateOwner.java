package dev.flowctl.state;

import dev.flowctl.errors.ErrorCode;
/**
 * Whose state a command may read: this project, this environment, and, for a saved plan, the
 * lineage it was made against. Every command reads state through {@link CheckedStateBackend},
 * which refuses another's, so pointing two projects or environments at one key is caught on the
 * first read instead of ending in one deleting the other's deployments.
 *
 * @param environment as {@link StateDocument#recordedEnvironment} gives it
 * @param lineage     the lineage a saved plan was made against; null when none is expected
 */
public record StateOwner(String project, String environment, String lineage) {
    /** The owner for {@code -e environment} (null: none given), expecting no particular lineage. */
    public static StateOwner of(String project, String environment) {
        return new StateOwner(project, StateDocument.recordedEnvironment(environment), null);
    }

    /** The same owner, also expecting the lineage a saved plan was made against (null: none). */
    public StateOwner withLineage(String expected) {
        return new StateOwner(project, environment, expected);
    }

    /** Throws a {@link StateException} naming the difference when {@code doc} belongs to someone else. */
    public void check(StateDocument doc, String location) {
        if (!project.equals(doc.project())) {
            throw new StateException(ErrorCode.STATE_OTHER_OWNER, "state at " + location + " belongs to project '" + doc.project() + "', not '" + project
                    + "'; point state (or --state) at this project's own state.");
        }
        // A state written before flowctl recorded environments (none recorded) is accepted for any.
        if (doc.environment() != null && !doc.environment().equals(environment)) {
            throw new StateException(ErrorCode.STATE_OTHER_OWNER, "state at " + location + " belongs to " + describe(doc.environment()) + ", not "
                    + describe(environment) + "; point state (or --state) at this environment's own state.");
        }
        if (lineage != null && !lineage.equals(doc.lineage())) {
            throw new StateException(ErrorCode.PLAN_OTHER_STATE, "this plan was made against state lineage " + lineage + ", but " + location
                    + " holds lineage " + doc.lineage() + ": that state belongs to another project or environment; "
                    + "run plan against this state.");
        }
    }

    private static String describe(String environment) {
        return StateDocument.DEFAULT_ENVIRONMENT.equals(environment) ? "the default environment (no -e)"
                : "environment '" + environment + "'";
    }
}
