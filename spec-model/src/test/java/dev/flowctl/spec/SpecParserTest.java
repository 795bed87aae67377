package dev.flowctl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecParserTest {
    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(dir.resolve("flow.py"), "print(1)\n");
        file = dir.resolve("flows.yaml");
    }

    @Test
    void readsTheShippedExample() {
        Spec spec = SpecParser.parse(Path.of("..", "flows.yaml.example"));
        assertEquals("risk", spec.project());
        assertEquals(List.of("fleet_features", "risk_score", "claims_triage"), List.copyOf(spec.flows().keySet()));
        assertEquals(List.of("v1", "v2"), List.copyOf(spec.flows().get("risk_score").versions().keySet()));
    }

    @Test
    void readsEveryInputShape() {
        Spec spec = SpecParser.parse(file, """
                project: risk
                types:
                  pct: { base: float, min: 0, max: 1 }
                flows:
                  scoring:
                    source: flow.py
                    versions:
                      v1:
                        inputs:
                          fleet:   { type: string, required: true, description: The fleet }
                          months:  { type: int, default: 24 }
                          ratio:   { type: pct, default: 0.5 }
                          on:      { type: bool, default: yes }
                          day:     { type: date, default: 2024-01-31 }
                          at:      { type: timestamp, default: '2024-01-31T10:00:00Z' }
                          tags:    { type: list<string>, default: [a, b] }
                          caps:    { type: 'map<string, int>', default: { eu: 3 } }
                          mode:    { type: list<enum>, values: [fast, full], default: [fast] }
                          window:
                            type: struct
                            fields:
                              start: { type: date, required: true }
                              days:  { type: int, default: 7 }
                """);
        List<InputSpec> in = spec.flows().get("scoring").versions().get("v1").inputs();
        assertEquals(10, in.size());
        assertEquals(new InputSpec("fleet", TypeRef.Primitive.STRING, true, null, "The fleet"), in.get(0));
        assertEquals(24L, in.get(1).defaultValue());
        assertEquals("pct(float)", in.get(2).type().display());
        assertEquals(true, in.get(3).defaultValue());
        assertEquals("2024-01-31", in.get(4).defaultValue());
        assertEquals("2024-01-31T10:00Z", in.get(5).defaultValue());
        assertEquals(List.of("a", "b"), in.get(6).defaultValue());
        assertEquals(Map.of("eu", 3L), in.get(7).defaultValue());
        assertEquals("list<enum[fast,full]>", in.get(8).type().display());
        assertEquals("struct{start:date,days:int}", in.get(9).type().display());
    }

    @Test
    void typesMayBeDeclaredAfterFlows() {
        Spec spec = SpecParser.parse(file, """
                project: risk
                flows:
                  scoring:
                    source: flow.py
                    versions:
                      v1:
                        inputs:
                          out: { type: s3_path, required: true }
                types:
                  s3_path: { base: string, pattern: '^s3://.*' }
                """);
        assertEquals("s3_path(string)", spec.versions().get(0).inputs().get(0).type().display());
    }

    @Test
    void duplicateFlowsAreReported() {
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(file, """
                project: risk
                flows:
                  scoring: { source: flow.py, versions: { v1: {} } }
                  scoring: { source: flow.py, versions: { v2: {} } }
                """));
        assertEquals(file + ":4:3: duplicate key 'scoring' in flows; remove one of them.", e.problems().get(0).toString());
    }

    @Test
    void everyProblemIsReportedInOneRun() {
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(file, """
                project: risk
                flows:
                  a: { source: nope.py, versions: { v1: { inputs: { x: { type: wat } } } } }
                  B: { source: flow.py, versions: { v1: {} } }
                """));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.problems().stream().allMatch(p -> p.line() >= 3), e.getMessage());
    }

    @Test
    void versionsAreOrderedNaturally() {
        Spec spec = SpecParser.parse(file, "project: risk\nflows:\n  a:\n    source: flow.py\n    versions: { v10: {}, v2: {}, v1: {} }\n");
        assertEquals(List.of("v1", "v2", "v10"), List.copyOf(spec.flows().get("a").versions().keySet()));
    }

    @Test
    void aVersionCopiedWithAMergeKeyOverridesOneInput() {
        Spec spec = SpecParser.parse(file, """
                project: risk
                flows:
                  scoring:
                    source: flow.py
                    versions:
                      v1: &v1
                        engine: { timeout: 30m }
                        inputs: &v1_inputs
                          fleet:  { type: string, required: true }
                          months: { type: int, default: 24 }
                          mode:   { type: enum, values: [fast, full], default: fast }
                      v2:
                        <<: *v1
                        inputs:
                          <<: *v1_inputs
                          months: { type: int, default: 36 }
                """);
        VersionSpec v1 = spec.flows().get("scoring").versions().get("v1");
        VersionSpec v2 = spec.flows().get("scoring").versions().get("v2");
        assertEquals(v1.engine(), v2.engine());
        // An overriding key keeps the merged key's place, so the inputs keep their order.
        assertEquals(List.of("fleet", "months", "mode"), v2.inputs().stream().map(InputSpec::name).toList());
        assertEquals(36L, v2.inputs().get(1).defaultValue());
        assertEquals(24L, v1.inputs().get(1).defaultValue());
        assertEquals(v1.inputs().get(2), v2.inputs().get(2));
    }

    @Test
    void aListOfMergedMappingsLetsTheEarlierOneWin() {
        Spec spec = SpecParser.parse(file, """
                project: risk
                flows:
                  scoring:
                    source: flow.py
                    versions:
                      v1:
                        inputs: &paging
                          limit: { type: int, default: 10 }
                          page:  { type: int, default: 1 }
                      v2:
                        inputs: &filters
                          limit: { type: int, default: 99 }
                          fleet: { type: string }
                      v3:
                        inputs:
                          <<: [*paging, *filters]
                          day: { type: date }
                """);
        List<InputSpec> v3 = spec.flows().get("scoring").versions().get("v3").inputs();
        assertEquals(List.of("limit", "page", "fleet", "day"), v3.stream().map(InputSpec::name).toList());
        assertEquals(10L, v3.get(0).defaultValue());
    }

    @Test
    void aQuotedMergeKeyIsAnOrdinaryKey() {
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(file, """
                project: risk
                flows:
                  scoring:
                    source: flow.py
                    versions:
                      v1:
                        inputs:
                          '<<': { type: int }
                """));
        assertTrue(e.problems().get(0).message().startsWith("invalid input name '<<'"), e.getMessage());
    }

    @Test
    void aProblemInMergedContentIsReportedOnceWhereItIsWritten() {
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(file, """
                project: risk
                flows:
                  scoring:
                    source: flow.py
                    versions:
                      v1:
                        inputs: &in
                          months: { type: integer }
                      v2:
                        inputs: { <<: *in }
                """));
        assertEquals(List.of(
                        file + ":8:27: type 'integer' of input 'months' of version 'scoring@v1' is invalid: unknown type 'integer'; did you mean 'int'?",
                        file + ":8:27: type 'integer' of input 'months' of version 'scoring@v2' is invalid: unknown type 'integer'; did you mean 'int'?"),
                e.problems().stream().map(SpecProblem::toString).toList());
    }
}
