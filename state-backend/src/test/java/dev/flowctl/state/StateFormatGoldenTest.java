package dev.flowctl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flowctl.json.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The state file's bytes, compared with src/test/resources/golden/state.json: state is read by
 * every earlier and later flowctl, so a change to the records or the codec must not re-spell it.
 * After an intended format change, regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class StateFormatGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/state.json");

    /** A schema as apply records it: the plan's canonical JSON (keys sorted), floats and all. */
    private static CanonicalJson schema(String json) {
        return CanonicalJson.parse(json);
    }

    private static StateDocument document() throws IOException {
        var current = schema("[{\"name\":\"area\",\"type\":{\"kind\":\"enum\",\"values\":[\"north\",\"south\"]}},"
                + "{\"default\":1.5,\"description\":\"how sure\",\"name\":\"confidence\",\"type\":{\"kind\":\"float\"}},"
                + "{\"name\":\"limits\",\"type\":{\"key\":{\"kind\":\"string\"},\"kind\":\"map\",\"value\":{\"kind\":\"int\"}}},"
                + "{\"default\":12,\"name\":\"months\",\"required\":true,\"type\":{\"kind\":\"int\"}},"
                + "{\"name\":\"site\",\"type\":{\"fields\":[{\"name\":\"id\",\"required\":true,\"type\":{\"base\":\"string\","
                + "\"kind\":\"custom\",\"name\":\"SiteId\",\"pattern\":\"[A-Z]{3}\"}}],\"kind\":\"struct\"}},"
                + "{\"name\":\"weights\",\"type\":{\"element\":{\"base\":\"float\",\"kind\":\"custom\",\"max\":1.0,\"min\":0.25,"
                + "\"name\":\"Weight\"},\"kind\":\"list\"}}]");
        var first = schema("[{\"name\":\"months\",\"type\":{\"kind\":\"int\"}}]");
        var second = schema("[{\"default\":12,\"name\":\"months\",\"required\":true,\"type\":{\"kind\":\"int\"}}]");
        DeployedVersion scoring = new DeployedVersion("scoring", "v2", "sha256:aa", "sha256:bb", "local", "sha256:cc",
                "deployments/scoring/v2.json", current, List.of(first, second), Instant.parse("2026-03-14T09:30:12.345Z"), null,
                java.util.Set.of(Protection.FLOW, Protection.VERSION),
                new dev.flowctl.spec.Deprecation("v3", java.time.LocalDate.parse("2027-03-01"), "v3 reads the new feature store"));
        DeployedVersion plain = new DeployedVersion("export", "v1", "sha256:dd", null, "command", "sha256:ee", "export-v1",
                schema("[]"), List.of(), Instant.parse("2026-03-15T00:00:00Z"));
        Tombstone deleted = new Tombstone("scoring", "v1", Instant.parse("2026-03-01T08:00:00Z"), first);
        return new StateDocument(1, "0b9f6c3e-lineage", 7, "1.4.0", "risk", "prod",
                Map.of(scoring.address(), scoring, plain.address(), plain),
                Map.of(deleted.address(), deleted));
    }

    @Test
    void aStateIsWrittenAsItAlwaysWas() throws IOException {
        String actual = new String(StateCodec.encode(document()), StandardCharsets.UTF_8);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), actual, "state.json (regenerate with -Dgolden.update=true)");
    }

    /** A state written before flowctl recorded protection reads with none: the field is additive. */
    @Test
    void aStateWrittenBeforeProtectionWasRecordedReadsAsUnprotected() throws IOException {
        byte[] old = Files.readAllBytes(Path.of("src/test/resources/golden/state-before-protection.json"));
        StateDocument read = StateCodec.decodeState(old, "state.json");
        assertEquals(2, read.versions().size());
        read.versions().values().forEach(v -> assertEquals(java.util.Set.of(), v.protectedBy(), v.address()));
    }

    @Test
    void aStateReadAndWrittenAgainKeepsItsBytes() throws IOException {
        byte[] golden = Files.readAllBytes(GOLDEN);
        StateDocument read = StateCodec.decodeState(golden, "state.json");
        assertEquals(document(), read);
        assertEquals(new String(golden, StandardCharsets.UTF_8), new String(StateCodec.encode(read), StandardCharsets.UTF_8));
    }
}
