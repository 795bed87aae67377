package dev.flowctl.plan;

import static dev.flowctl.plan.PlanFixtures.applied;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.flowctl.port.LiveFlowVersion;
import dev.flowctl.compat.Finding;
import dev.flowctl.drift.DriftDetector;
import dev.flowctl.drift.DriftEntry;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.SourcePosition;
import dev.flowctl.spec.Spec;
import dev.flowctl.state.StateDocument;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every finding, violation and drift entry points at the line and column of flows.yaml it is about. */
class PlanPositionsTest {
    @TempDir
    Path dir;

    private static final String DEPLOYED = """
            project: risk
            flows:
              scoring:
                source: flow.py
                versions:
                  v1:
                    inputs:
                      months: { type: int, default: 24 }
                      mode:   { type: enum, values: [fast, full], default: fast }
                      window:
                        type: struct
                        fields:
                          start: { type: date, required: true }
                          end:   { type: date }
                  v2:
                    inputs:
                      months: { type: int }
            """;

    // v1: mode gains 'turbo' (line 9), window.end is removed, window.start changes type (line 13),
    // a required input is added (line 15); v2 is deleted.
    private static final String DESIRED = """
            project: risk
            flows:
              scoring:
                source: flow.py
                versions:
                  v1:
                    inputs:
                      months: { type: int, default: 24 }
                      mode:   { type: enum, values: [fast, full, turbo], default: fast }
                      window:
                        type: struct
                        fields:
                          start: { type: string, required: true }
                      region: { type: string, required: true }
            """;

    @BeforeEach
    void source() throws IOException {
        PlanFixtures.writeSource(dir);
    }

    private Spec spec(String yaml) throws IOException {
        return PlanFixtures.spec(dir, yaml);
    }

    private static SourcePosition at(int line, int column) {
        return new SourcePosition("flows.yaml", line, column);
    }

    @Test
    void findingsPointAtTheInputFieldOrEnumValueAndRemovedOnesAtTheirParent() throws IOException {
        StateDocument state = applied(spec(DEPLOYED));
        Plan plan = new Planner().plan(spec(DESIRED), null, state);
        PlannedChange v1 = plan.changes().get(0);
        Map<String, SourcePosition> byPath = new java.util.TreeMap<>();
        for (Finding f : v1.schemaChanges()) byPath.put(f.path() + " " + f.ruleId(), f.position());
        assertEquals(at(9, 54), byPath.get("mode ENUM_VALUE_ADDED"), byPath.toString());
        assertEquals(at(13, 15), byPath.get("window.start TYPE_CHANGED"), byPath.toString());
        assertEquals(at(10, 11), byPath.get("window.end FIELD_REMOVED"), "a removed field is placed at its struct");
        assertEquals(at(14, 11), byPath.get("region INPUT_ADDED_REQUIRED"));
        CompatibilityViolation required = v1.violations().stream().filter(v -> v.ruleId().equals("INPUT_ADDED_REQUIRED")).findFirst().orElseThrow();
        assertEquals(at(14, 11), required.position());

        PlannedChange v2 = plan.changes().get(1);
        assertEquals(Action.DELETE, v2.action());
        assertEquals(at(3, 3), v2.schemaChanges().get(0).position(), "a deleted version's inputs are placed at its flow");
    }

    @Test
    void driftEntriesPointAtTheVersionOrNowhere() throws IOException {
        Spec deployed = spec(DEPLOYED);
        StateDocument state = applied(deployed);
        Spec desired = spec(DESIRED);
        List<LiveFlowVersion> live = List.of(new LiveFlowVersion(new FlowVersionAddress("other", "v1"), "ref-other", dev.flowctl.port.LiveAttributes.NONE));
        List<DriftEntry> drift = new DriftDetector().detect(desired, null, state, "local", live).drift();
        Map<String, SourcePosition> byAddress = new java.util.TreeMap<>();
        drift.forEach(e -> byAddress.put(e.address() + " " + e.kind(), e.position()));
        assertEquals(at(6, 7), byAddress.get("scoring@v1 MISSING"));
        assertEquals(at(3, 3), byAddress.get("scoring@v2 MISSING"), "a version gone from flows.yaml is placed at its flow");
        assertNull(byAddress.get("other@v1 UNMANAGED"), "nothing of flow 'other' is written");
    }
}
