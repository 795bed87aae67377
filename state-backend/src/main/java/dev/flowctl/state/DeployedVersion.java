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
 * @param protectedBy        where an applied {@code protect: true} covers this version (empty: unprotected;
 *                           states written before flowctl recorded it have none)
 * @param deprecated         the version's applied {@code deprecated:} block, or null (the gateway tells callers,
 *                           and plan warns when the version is deleted before its sunset)
 */
public record DeployedVersion(String flow, String version, String sourceHash, String definitionHash,
                              String engineType, String engineSettingsHash, String engineRef,
                              CanonicalJson schema, List<CanonicalJson> schemaHistory, Instant deployedAt,
                              @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                              String deployedAs,
                              java.util.Set<Protection> protectedBy, dev.flowctl.spec.Deprecation deprecated) {
    public DeployedVersion {
        schemaHistory = schemaHistory == null ? List.of()
                : schemaHistory.stream().filter(s -> !java.util.Objects.equals(s, schema)).toList();
        if (deployedAs != null && deployedAs.equals(flow + "@" + version)) deployedAs = null;
        protectedBy = protectedBy == null || protectedBy.isEmpty() ? java.util.Set.of()
                : java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(protectedBy));
    }

    /** A version deployed under its own name that no applied {@code protect: true} covers. */
    public DeployedVersion(String flow, String version, String sourceHash, String definitionHash, String engineType,
                           String engineSettingsHash, String engineRef, CanonicalJson schema, List<CanonicalJson> schemaHistory,
                           Instant deployedAt) {
        this(flow, version, sourceHash, definitionHash, engineType, engineSettingsHash, engineRef, schema, schemaHistory,
                deployedAt, null, java.util.Set.of(), null);
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
                schema, schemaHistory, deployedAt, engineAddress(), protectedBy, deprecated);
    }

    /** The same deployment with the protection and deprecation an apply recorded for it. */
    public DeployedVersion withGuards(java.util.Set<Protection> protection, dev.flowctl.spec.Deprecation deprecation) {
        return new DeployedVersion(flow, version, sourceHash, definitionHash, engineType, engineSettingsHash, engineRef, schema,
                schemaHistory, deployedAt, deployedAs, protection, deprecation);
    }
}
