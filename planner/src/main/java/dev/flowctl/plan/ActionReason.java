package dev.flowctl.plan;

/** Why a flow version is created, updated or deleted. */
public enum ActionReason {
    NEW_VERSION("new version"),
    SOURCE_CHANGED("source changed"),
    DEFINITION_CHANGED("definition changed"),
    SCHEMA_CHANGED("input schema changed"),
    ENGINE_SETTINGS_CHANGED("engine settings changed"),
    /** Recorded in state but no longer live in the engine (deleted there by hand): deployed again. */
    MISSING_FROM_ENGINE("missing from the engine"),
    REMOVED_FROM_SPEC("removed from flows.yaml"),
    /** flowctl destroy: the whole environment goes. */
    ENVIRONMENT_DESTROYED("environment destroyed"),
    /** A {@code moved:} entry renames it. */
    MOVED("renamed by moved:"),
    /** A {@code removed:} entry forgets it; the engine keeps it. */
    FORGOTTEN("forgotten by removed:, kept in the engine"),
    /** {@code apply --replace} asked for it. */
    REPLACE_REQUESTED("replace requested"),
    /** {@code protect:} changed: recorded in state, nothing is redeployed. */
    PROTECTION_CHANGED("protect changed, recorded in state only", true),
    /** {@code deprecated:} changed: recorded in state (the gateway reads it), nothing is redeployed. */
    DEPRECATION_CHANGED("deprecated changed, recorded in state only", true);

    private final String text;
    private final boolean stateOnly;

    ActionReason(String text) {
        this(text, false);
    }

    ActionReason(String text, boolean stateOnly) {
        this.text = text;
        this.stateOnly = stateOnly;
    }

    /** A reason that changes only what state records about a version, not its deployment. */
    public boolean stateOnly() {
        return stateOnly;
    }

    public String text() {
        return text;
    }
}
