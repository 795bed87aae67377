package dev.flowctl.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowctl.plan.VersionDigest;
import dev.flowctl.spec.Settings;
import dev.flowctl.spec.VersionSpec;
import java.nio.file.Path;

/**
 * Everything an engine needs to deploy one flow version.
 *
 * @param owner      the project and environment the deployment belongs to (the engine marks it so)
 * @param source     absolute path of the source file or directory
 * @param definition absolute path of the definition, or null
 * @param schema     the canonical input schema
 * @param settings   the effective engine settings for this version
 * @param update     true when the version is already deployed
 * @param currentRef the engine's reference recorded in state for an update (null for a create), so an
 *                   engine can find a deployment it adopted under another name
 */
public record DeploymentRequest(Owner owner, VersionSpec version, Path source, Path definition,
                                VersionDigest digest, JsonNode schema, Settings settings, boolean update, String currentRef) {
    public DeploymentRequest(Owner owner, VersionSpec version, Path source, Path definition,
                             VersionDigest digest, JsonNode schema, Settings settings, boolean update) {
        this(owner, version, source, definition, digest, schema, settings, update, null);
    }

    /** The owning project's name. */
    public String project() {
        return owner.project();
    }
}
