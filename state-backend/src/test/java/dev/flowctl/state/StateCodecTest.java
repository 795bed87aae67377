package dev.flowctl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateCodecTest {
    private static StateDocument decode(String json) {
        return StateCodec.decodeState(json.getBytes(StandardCharsets.UTF_8), "state.json");
    }

    private static String refusal(String json) {
        return assertThrows(StateException.class, () -> decode(json)).getMessage();
    }

    @Test
    void peekSerialReadsTheTopLevelSerialWhereverItStandsAndNothingNested() {
        assertEquals(30, StateCodec.peekSerial(bytes("{\"formatVersion\":1,\"serial\":30,\"versions\":{}}")));
        assertEquals(7, StateCodec.peekSerial(bytes("{\"versions\":{\"f@v1\":{\"serial\":99}},\"serial\":7}")));
        assertEquals(-1, StateCodec.peekSerial(bytes("{\"versions\":{\"f@v1\":{\"serial\":99}}}")));
        assertEquals(-1, StateCodec.peekSerial(bytes("{\"serial\":\"30\"}")));
        assertEquals(-1, StateCodec.peekSerial(bytes("[30]")));
        assertEquals(-1, StateCodec.peekSerial(bytes("{\"serial\":")));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static StateDocument document(long serial, String sourceHash) {
        CanonicalJson schema = CanonicalJson.parse("[{\"name\":\"a\",\"type\":{\"kind\":\"string\"}}]");
        DeployedVersion v = new DeployedVersion("f", "v1", sourceHash, null, "local", "sha256:2", "p/f/v1.json", schema,
                List.of(), Instant.parse("2026-12-01T10:00:00Z"));
        return new StateDocument(1, "lin", serial, "1.0", "p", Map.of(v.address(), v), Map.of());
    }

    /**
     * A prefetched decode is used only for the very bytes it decoded: a state rewritten to the same
     * size since reads as written, and a damaged one is refused with the reader's own message.
     */
    @Test
    void aPrefetchedStateIsUsedOnlyForTheSameBytes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state.json");
        byte[] first = StateCodec.encode(document(3, "sha256:a"));
        byte[] second = StateCodec.encode(document(4, "sha256:b"));
        assertEquals(first.length, second.length);

        Files.write(file, first);
        StatePrefetch.start(file);
        assertEquals(document(3, "sha256:a"), StateCodec.decodeState(Files.readAllBytes(file), "state.json"));

        StatePrefetch.start(file).join();
        Files.write(file, second);
        assertEquals(document(4, "sha256:b"), StateCodec.decodeState(Files.readAllBytes(file), "state.json"));

        byte[] damaged = new String(first, StandardCharsets.UTF_8).replace("\"serial\" : 3", "\"serial\" : \"x\"").getBytes(StandardCharsets.UTF_8);
        Files.write(file, damaged);
        StatePrefetch.start(file);
        String m = assertThrows(StateException.class, () -> StateCodec.decodeState(Files.readAllBytes(file), "there/state.json")).getMessage();
        assertTrue(m.startsWith("state at there/state.json is damaged ("), m);

        StatePrefetch.start(dir.resolve("missing.json"));
        assertEquals(document(3, "sha256:a"), decode(new String(first, StandardCharsets.UTF_8)));
    }

    @Test
    void aWrittenDocumentReadsBackEqual() throws Exception {
        CanonicalJson schema = CanonicalJson.parse("[{\"name\":\"a\",\"type\":{\"kind\":\"string\"}}]");
        CanonicalJson earlier = CanonicalJson.parse("[]");
        DeployedVersion v = new DeployedVersion("f", "v1", "sha256:1", null, "local", "sha256:2", "p/f/v1.json", schema,
                List.of(earlier), Instant.parse("2026-12-01T10:00:00Z"));
        StateDocument doc = new StateDocument(1, "lin", 3, "1.0", "p", Map.of(v.address(), v), Map.of());
        assertEquals(doc, decode(new String(StateCodec.encode(doc), StandardCharsets.UTF_8)));
    }

    @Test
    void aNewerFormatIsRefusedNamingTheWriter() {
        String m = refusal("{\"formatVersion\": 9, \"toolVersion\": \"9.1.0\", \"versions\": {\"x\": [1]}}");
        assertTrue(m.contains("has format 9, written by a newer flowctl (9.1.0); upgrade flowctl"), m);
    }

    @Test
    void jsonWithoutFormatVersionIsNotAStateFile() {
        assertTrue(refusal("{\"lineage\": \"x\"}").contains("is not a flowctl state file"));
        assertTrue(refusal("[1, 2]").contains("is not a flowctl state file"));
        assertTrue(refusal("null").contains("is not a flowctl state file"));
    }

    @Test
    void aDocumentThatDoesNotBindIsDamaged() {
        String m = refusal("{\"formatVersion\": 1, \"serial\": \"many\"}");
        assertTrue(m.startsWith("state at state.json is damaged (") && m.endsWith("flowctl will not overwrite it."), m);
    }

    @Test
    void stateThatListedTheCurrentSchemaInItsHistoryReadsWithoutIt() {
        StateDocument doc = decode("""
                {"formatVersion": 1, "lineage": "l", "serial": 2, "project": "p", "versions": {"f@v1": {
                  "flow": "f", "version": "v1", "sourceHash": "s", "engineType": "local", "engineSettingsHash": "e",
                  "engineRef": "r", "deployedAt": "2026-01-01T00:00:00Z",
                  "schema": [{"name": "b", "type": {"kind": "string"}}],
                  "schemaHistory": [[{"name": "a", "type": {"kind": "string"}}], [{"name": "b", "type": {"kind": "string"}}]]}}}""");
        List<CanonicalJson> history = doc.versions().get("f@v1").schemaHistory();
        assertEquals(List.of(CanonicalJson.parse("[{\"name\": \"a\", \"type\": {\"kind\": \"string\"}}]")), history);
    }

    @Test
    void theEnvironmentIsRecordedAndAStateWithoutOneStillReads() {
        StateDocument dev = StateDocument.empty("p", "dev", "1.0").nextSerial("1.0");
        String json = new String(StateCodec.encode(dev), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"environment\" : \"dev\""), json);
        assertEquals(dev, decode(json));
        assertEquals(StateDocument.DEFAULT_ENVIRONMENT, StateDocument.empty("p", null, "1.0").environment());

        StateDocument legacy = decode("{\"formatVersion\": 1, \"lineage\": \"l\", \"serial\": 4, \"toolVersion\": \"0.1.0\", "
                + "\"project\": \"p\", \"versions\": {}, \"tombstones\": {}}");
        assertEquals(null, legacy.environment());
        assertEquals(4, legacy.serial());
    }

    @Test
    void aDamagedFieldIsNamedWithTheFix() {
        assertEquals("state at state.json is damaged (lineage is missing); " + StateCodec.RESTORE,
                refusal("{\"formatVersion\": 1, \"serial\": 1, \"project\": \"p\"}"));
        assertEquals("state at state.json is damaged (serial: Cannot coerce Floating-point value (1.5) to `long` value); "
                + StateCodec.RESTORE, refusal("{\"formatVersion\": 1, \"lineage\": \"l\", \"serial\": 1.5, \"project\": \"p\"}"));
        assertEquals("state at state.json is damaged (versions.f@v1 is null); " + StateCodec.RESTORE,
                refusal("{\"formatVersion\": 1, \"lineage\": \"l\", \"serial\": 1, \"project\": \"p\", \"versions\": {\"f@v1\": null}}"));
    }
}
