package dev.flowctl.port;

import dev.flowctl.json.CanonicalJson;
import dev.flowctl.plan.PlannedDeployment;
import dev.flowctl.plan.SourceFiles;
import dev.flowctl.plan.VersionDigest;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Settings;
import java.nio.file.Path;

/**
 * Everything an engine needs to deploy one flow version, taken from the plan's action as it was
 * made (apply derives nothing again).
 *
 * @param owner      the project and environment the deployment belongs to (the engine marks it so)
 * @param address    the flow version
 * @param source     absolute path of the source file or directory, verified against {@code digest} just before
 * @param definition absolute path of the definition, or null
 * @param schema     the canonical input schema
 * @param settings   the effective engine settings for this version
 * @param update     true when the version is already deployed
 * @param currentRef the engine's reference recorded in state for an update (null for a create), so an
 *                   engine can find a deployment it adopted under another name
 * @param definitionContent the definition's bytes as the plan carried them, or null (no definition, a
 *                   directory, or a larger file, which apply verified on disk instead): an engine that
 *                   sends the definition sends these, so what is deployed is what was planned
 */
public record DeploymentRequest(Owner owner, FlowVersionAddress address, Path source, Path definition,
                                VersionDigest digest, CanonicalJson schema, Settings settings, boolean update, String currentRef,
                                byte[] definitionContent) {
    public DeploymentRequest(Owner owner, FlowVersionAddress address, Path source, Path definition,
                             VersionDigest digest, CanonicalJson schema, Settings settings, boolean update) {
        this(owner, address, source, definition, digest, schema, settings, update, null, null);
    }

    /** The request for a planned deployment, its paths resolved in {@code files}. */
    public static DeploymentRequest of(Owner owner, FlowVersionAddress address, VersionDigest digest, PlannedDeployment planned,
                                       SourceFiles files, boolean update, String currentRef) {
        return new DeploymentRequest(owner, address, files.resolve(planned.source()),
                planned.definition() == null ? null : files.resolve(planned.definition()), digest, planned.schema(),
                planned.settings(), update, currentRef, planned.definitionContent());
    }

    /** The owning project's name. */
    public String project() {
        return owner.project();
    }
}
