package dev.flowctl.port;

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
 * @param definitionContent the definition's bytes as apply verified them against the plan's hash, or null
 *                   (no definition, a directory, or a request not made by apply): an engine that sends the
 *                   definition sends these, so what is deployed is what was planned, not the file as it is now
 */
public record DeploymentRequest(Owner owner, VersionSpec version, Path source, Path definition,
                                VersionDigest digest, JsonNode schema, Settings settings, boolean update, String currentRef,
                                byte[] definitionContent) {
    public DeploymentRequest(Owner owner, VersionSpec version, Path source, Path definition,
                             VersionDigest digest, JsonNode schema, Settings settings, boolean update, String currentRef) {
        this(owner, version, source, definition, digest, schema, settings, update, currentRef, null);
    }

    public DeploymentRequest(Owner owner, VersionSpec version, Path source, Path definition,
                             VersionDigest digest, JsonNode schema, Settings settings, boolean update) {
        this(owner, version, source, definition, digest, schema, settings, update, null, null);
    }

    /** The owning project's name. */
    public String project() {
        return owner.project();
    }
}
