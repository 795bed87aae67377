package dev.flowctl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowctl.port.DeploymentRequest;
import dev.flowctl.port.Owner;
import dev.flowctl.json.CanonicalJson;
import dev.flowctl.plan.ContentHasher;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.plan.VersionDigest;
import dev.flowctl.spec.InputSpec;
import dev.flowctl.spec.SchemaJson;
import dev.flowctl.spec.Settings;
import dev.flowctl.spec.TypeRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A flow version on disk (source + ASL definition) and the deployment requests for it. */
public final class Fixtures {
    public static final String ASL = """
            {"Comment": "%s", "StartAt": "Build", "States": {"Build": {"Type": "Pass", "End": true}}}
            """;

    private final Path dir;

    public Fixtures(Path dir) {
        this.dir = dir;
    }

    /** Writes source and definition files for flow@version with the given content marker. */
    public DeploymentRequest request(String project, String flow, String version, String content, Settings settings, boolean update) {
        return request(Owner.of(project), flow, version, content, settings, update, null);
    }

    /** The same for an owner in any environment; {@code currentRef} is state's reference for an update. */
    public DeploymentRequest request(Owner owner, String flow, String version, String content, Settings settings, boolean update,
                                     String currentRef) {
        try {
            Path source = dir.resolve(flow + "_" + version + ".py");
            Path definition = dir.resolve(flow + "_" + version + ".asl.json");
            Files.writeString(source, "# " + content + "\n");
            Files.writeString(definition, ASL.formatted(content));
            List<InputSpec> inputs = List.of(new InputSpec("fleet_id", TypeRef.Primitive.STRING, true, null, null),
                    new InputSpec("months", TypeRef.Primitive.INT, false, 24L, null));
            CanonicalJson schema = CanonicalJson.of(SchemaJson.toJson(inputs));
            VersionDigest digest = new VersionDigest(ContentHasher.hash(source), ContentHasher.hash(definition),
                    ContentHasher.hash(settings.values().toString().getBytes()));
            return new DeploymentRequest(owner, new FlowVersionAddress(flow, version), source, definition, digest, schema, settings, update, currentRef, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same request with its definition file holding {@code definition} instead, hashes and all. */
    public DeploymentRequest withDefinition(DeploymentRequest r, String definition) {
        try {
            Files.writeString(r.definition(), definition);
            VersionDigest digest = new VersionDigest(r.digest().sourceHash(), ContentHasher.hash(r.definition()),
                    r.digest().engineSettingsHash());
            return new DeploymentRequest(r.owner(), r.address(), r.source(), r.definition(), digest, r.schema(), r.settings(),
                    r.update(), r.currentRef(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
