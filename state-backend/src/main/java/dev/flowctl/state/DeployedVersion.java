package dev.flowctl.state;

import dev.flowctl.json.CanonicalJson;
import java.time.Instant;
import java.util.List;

/**
 * What was deployed for one flow version.
 *
 * @param schema             the input schema as deployed (canonical JSON)
 * @param schemaHistory      the earlier schemas this version was deployed with, oldest first, for the transitive
 *                           compatibility check; never the current {@code schema} (earlier builds also kept that
 *                           one last; it is dropped on read)
 * @param engineSettingsHash SHA-256 of the effective engine settings
 * @param engineRef          the engine's handle for the deployment (a path, an ARN…)
 * @param deployedAs         the flow@version the engine deployment was made under, when a {@code moved:} entry
 *                           renamed it since (the engine keeps that name, its tags and its runs); null: {@link #address()}
 */
public record DeployedVersion(String flow, String version, String sourceHash, String definitionHash,
                              String engineType, String engineSettingsHash, String engineRef,
                              CanonicalJson schema, List<CanonicalJson> schemaHistory, Instant deployedAt,
                              @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                              String deployedAs) {
    public DeployedVersion {
        schemaHistory = schemaHistory == null ? List.of()
                : schemaHistory.stream().filter(s -> !java.util.Objects.equals(s, schema)).toList();
        if (deployedAs != null && deployedAs.equals(flow + "@" + version)) deployedAs = null;
    }

    /** A version deployed under its own name. */
    public DeployedVersion(String flow, String version, String sourceHash, String definitionHash, String engineType,
                           String engineSettingsHash, String engineRef, CanonicalJson schema, List<CanonicalJson> schemaHistory,
                           Instant deployedAt) {
        this(flow, version, sourceHash, definitionHash, engineType, engineSettingsHash, engineRef, schema, schemaHistory,
                deployedAt, null);
    }

    public String address() {
        return flow + "@" + version;
    }

    /**
     * The name the engine knows this deployment by, for every engine call (update, delete, runs, drift):
     * a move renames the version in state only.
     */
    public String engineAddress() {
        return deployedAs == null ? address() : deployedAs;
    }

    /** The same deployment recorded under {@code newFlow@newVersion}; the engine keeps knowing it by its old name. */
    public DeployedVersion movedTo(String newFlow, String newVersion) {
        return new DeployedVersion(newFlow, newVersion, sourceHash, definitionHash, engineType, engineSettingsHash, engineRef,
                schema, schemaHistory, deployedAt, engineAddress());
    }
}
