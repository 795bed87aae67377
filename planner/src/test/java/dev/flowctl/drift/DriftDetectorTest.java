package dev.flowctl.drift;

import dev.flowctl.port.DriftDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.plan.DesiredState;
import dev.flowctl.plan.VersionDigest;
import dev.flowctl.port.LiveAttributes;
import dev.flowctl.port.LiveFlowVersion;
import dev.flowctl.spec.FlowVersionAddress;
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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftDetectorTest {
    private static final FlowVersionAddress V1 = new FlowVersionAddress("scoring", "v1");
    @TempDir
    Path dir;
    private Spec spec;
    private StateDocument state;
    private VersionDigest digest;

    @BeforeEach
    void applied() throws IOException {
        Files.writeString(dir.resolve("flow.py"), "print('v1')\n");
        Path file = dir.resolve("flows.yaml");
        Files.writeString(file, """
                project: risk
                flows:
                  scoring:
                    source: flow.py
                    versions:
                      v1: { inputs: { fleet_id: { type: string, required: true } } }
                """);
        spec = SpecParser.parse(file);
        VersionSpec v = spec.versions().get(0);
        digest = DesiredState.of(spec, null).digest(v);
        var schema = CanonicalJson.of(SchemaJson.toJson(v.inputs()));
        state = StateDocument.empty("risk", "test").withVersion(new DeployedVersion("scoring", "v1", digest.sourceHash(),
                digest.definitionHash(), "stepfunctions", digest.engineSettingsHash(), "arn:1", schema, List.of(schema),
                Instant.EPOCH)).nextSerial("test");
    }

    private static LiveAttributes fingerprint(String fingerprint, Map<String, String> edited) {
        return new LiveAttributes(null, null, null, fingerprint, edited);
    }

    private DriftReport detect(LiveFlowVersion... live) {
        return new DriftDetector().detect(spec, null, state, "stepfunctions", List.of(live));
    }

    @Test
    void matchingFingerprintIsNoDrift() {
        DriftReport r = detect(new LiveFlowVersion(V1, "arn:1", fingerprint(digest.fingerprint(), Map.of())));
        assertFalse(r.hasDrift(), r.toString());
        assertEquals(1, r.managed());
        assertTrue(r.unapplied().isEmpty());
    }

    @Test
    void anotherFingerprintMeansSomethingElseWasDeployed() {
        DriftReport r = detect(new LiveFlowVersion(V1, "arn:1", fingerprint("sha256:other", Map.of())));
        DriftEntry e = r.drift().get(0);
        assertEquals(DriftKind.MODIFIED, e.kind());
        assertEquals(new DriftDifference("deployment hash (another source, definition or settings was deployed)",
                digest.fingerprint(), "sha256:other"), e.differences().get(0));
    }

    @Test
    void editsTheEngineSawAreReportedByName() {
        DriftReport r = detect(new LiveFlowVersion(V1, "arn:1", fingerprint(digest.fingerprint(),
                Map.of("definition", "sha256:live (flowctl deployed sha256:x)"))));
        assertEquals(List.of(new DriftDifference("definition (edited outside flowctl)", "what flowctl deployed",
                "sha256:live (flowctl deployed sha256:x)")), r.drift().get(0).differences());
    }

    @Test
    void missingAndUnmanagedAreSortedByAddress() {
        FlowVersionAddress other = new FlowVersionAddress("alpha", "v2");
        DriftReport r = detect(new LiveFlowVersion(other, "arn:2", LiveAttributes.NONE));
        assertEquals(List.of(other, V1), r.drift().stream().map(DriftEntry::address).toList());
        assertEquals(DriftKind.UNMANAGED, r.drift().get(0).kind());
        assertEquals(DriftKind.MISSING, r.drift().get(1).kind());
        assertEquals("arn:1", r.drift().get(1).engineRef(), "a missing version names what state recorded");
    }
}
