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
 */
public record DeployedVersion(String flow, String version, String sourceHash, String definitionHash,
                              String engineType, String engineSettingsHash, String engineRef,
                              CanonicalJson schema, List<CanonicalJson> schemaHistory, Instant deployedAt) {
    public DeployedVersion {
        schemaHistory = schemaHistory == null ? List.of()
                : schemaHistory.stream().filter(s -> !java.util.Objects.equals(s, schema)).toList();
    }

    public String address() {
        return flow + "@" + version;
    }
}
