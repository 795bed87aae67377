package dev.flowctl.plan;

import dev.flowctl.json.CanonicalJson;
import dev.flowctl.spec.SchemaJson;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import dev.flowctl.spec.VersionSpec;
import dev.flowctl.state.DeployedVersion;
import dev.flowctl.state.StateDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A flows.yaml written to a temporary directory and parsed as the CLI would, and the state its apply records. */
final class PlanFixtures {
    private PlanFixtures() {
    }

    /**
     * Writes flow.py, the source the fixtures' flows point at. Apart from {@link #spec} because tests
     * edit it between two specs to change a version's source hash.
     */
    static void writeSource(Path dir) throws IOException {
        Files.writeString(dir.resolve("flow.py"), "print('v1')\n");
    }

    static Spec spec(Path dir, String yaml) throws IOException {
        Path file = dir.resolve("flows.yaml");
        Files.writeString(file, yaml);
        return SpecParser.parse(file);
    }

    /** The state an apply of {@code spec} records. */
    static StateDocument applied(Spec spec) {
        StateDocument state = StateDocument.empty(spec.project(), "test");
        DesiredState desired = DesiredState.of(spec, null);
        for (VersionSpec v : spec.versions()) {
            VersionDigest d = desired.digest(v);
            var schema = CanonicalJson.of(SchemaJson.toJson(v.inputs()));
            state = state.withVersion(new DeployedVersion(v.flow(), v.name(), d.sourceHash(), d.definitionHash(), "local",
                    d.engineSettingsHash(), "ref", schema, List.of(schema), Instant.EPOCH)).nextSerial("test");
        }
        return state;
    }
}
