package dev.flowctl.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.catalog.CatalogModel.Catalog;
import dev.flowctl.catalog.CatalogModel.Flow;
import dev.flowctl.catalog.CatalogModel.TimelineEvent;
import dev.flowctl.catalog.CatalogModel.Version;
import dev.flowctl.codegen.FlowsLock;
import dev.flowctl.json.CanonicalJson;
import dev.flowctl.runtime.InputSchema;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogBuilderTest {
    static final String SPEC = """
            project: risk
            engine: { type: local }
            environments:
              stage: {}
              prod: {}
            types:
              s3_path: { base: string, pattern: '^s3://[a-z0-9.-]{3,63}/.*$' }
              probability: { base: float, min: 0, max: 1 }
            flows:
              scoring:
                owner: pricing
                description: Scores fleets.
                source: flows/scoring.py
                versions:
                  v1:
                    deprecated: { replacement: v2, sunset: 2027-03-01 }
                    inputs:
                      fleet_id: { type: string, required: true }
                      threshold: { type: probability, default: 0.8 }
                  v2:
                    inputs:
                      fleet_id: { type: string, required: true }
                      output: { type: s3_path, required: true }
                      threshold: { type: probability }
                      limits:
                        type: struct
                        fields:
                          max_rows: { type: int, required: true }
                      mode: { type: enum, values: [fast, full], default: fast }
                      tags: { type: 'map<string,int>' }
                      sources: { type: list<enum>, values: [a, b] }
            """;

    @TempDir
    Path dir;

    Spec spec() throws IOException {
        Files.createDirectories(dir.resolve("flows"));
        Files.writeString(dir.resolve("flows/scoring.py"), "print('x')\n");
        Files.writeString(dir.resolve("flows.yaml"), SPEC);
        return SpecParser.parse(dir.resolve("flows.yaml"));
    }

    static DeployedVersion deployed(VersionSpec v, String at) {
        return new DeployedVersion(v.flow(), v.name(), "s", null, "local", "e", "risk/" + v.flow() + "/" + v.name() + ".json",
                CanonicalJson.of(SchemaJson.toJson(v.inputs())), List.of(), Instant.parse(at));
    }

    static StateDocument state(String env, long serial, DeployedVersion... versions) {
        StateDocument s = StateDocument.empty("risk", env, "test").withSerial(serial);
        for (DeployedVersion v : versions) s = s.withVersion(v);
        return s;
    }

    @Test
    void showsWhichVersionsAreLiveWhereAndSaysWhenAStateCouldNotBeRead() throws IOException {
        Spec spec = spec();
        VersionSpec v1 = spec.flows().get("scoring").versions().get("v1");
        VersionSpec v2 = spec.flows().get("scoring").versions().get("v2");
        Catalog c = CatalogBuilder.build(spec, FlowsLock.empty(), List.of(
                new EnvironmentState("stage", "stage.json", state("stage", 3, deployed(v1, "2026-11-01T10:00:00Z"), deployed(v2, "2026-11-02T10:00:00Z")),
                        null, List.of(), true),
                EnvironmentState.unreadable("prod", "s3://b/prod.json", "access denied")), null, Instant.parse("2026-12-01T00:00:00Z"));

        Flow f = c.flows().get(0);
        assertEquals(List.of("v1", "v2"), f.liveIn("stage"));
        assertEquals(List.of(), f.liveIn("prod"));
        assertFalse(c.environments().get(1).readable());
        assertEquals("access denied", c.environments().get(1).problem());
        assertEquals("pricing", f.owner());
        assertEquals("use v2 instead; sunset 2027-03-01", f.versions().get(0).deprecation());
        assertNull(f.versions().get(1).deprecation());
        assertEquals("backward", f.compatibility());
    }

    @Test
    void everyExampleInputPassesItsVersionsOwnCheck() throws IOException {
        Spec spec = spec();
        Catalog c = CatalogBuilder.build(spec, FlowsLock.empty(), List.of(), null, Instant.now());
        for (Version v : c.flows().get(0).versions()) {
            assertNotNull(v.example(), v.address() + ": " + v.exampleProblem());
            VersionSpec vs = spec.flows().get("scoring").versions().get(v.name());
            assertTrue(InputSchema.parse(SchemaJson.toJson(vs.inputs()).toString()).violations(InputSchema.parseJson(v.example())).isEmpty(), v.example());
            assertNotNull(v.calls(), v.address());
        }
        Version v2 = c.flows().get(0).versions().get(1);
        assertTrue(v2.example().contains("\"output\":\"s3://aaa/\""), v2.example());
        assertEquals("risk.flows.scoring.v2.ScoringService", v2.calls().service());
        // grpcurl takes proto3 JSON: camelCase names and enum constants.
        assertTrue(v2.calls().grpcurl().contains("\"fleetId\":\"example\""), v2.calls().grpcurl());
        assertTrue(v2.calls().grpcurl().contains("MODE_FAST"), v2.calls().grpcurl());
        assertTrue(v2.calls().python().startsWith("from risk.flows.scoring.v2 import ScoringInput"), v2.calls().python());
    }

    @Test
    void saysWhatDiffersFromTheVersionBefore() throws IOException {
        Catalog c = CatalogBuilder.build(spec(), FlowsLock.empty(), List.of(), null, Instant.now());
        List<String> changes = c.flows().get(0).versions().get(1).changes();
        assertTrue(changes.contains("adds output (s3_path(string), required)"), changes.toString());
        assertTrue(changes.contains("threshold: default 0.8 → none"), changes.toString());
        assertTrue(changes.contains("adds mode (enum[fast,full], default \"fast\")"), changes.toString());
        assertEquals(List.of(), c.flows().get(0).versions().get(0).changes());
    }

    @Test
    void aVersionOnlyAStateRecordsIsShownAsLeavingWithItsRecordedInputs() throws IOException {
        Spec spec = spec();
        VersionSpec v1 = spec.flows().get("scoring").versions().get("v1");
        VersionSpec old = new VersionSpec("scoring", "v0", "flows/scoring.py", null, java.util.Map.of(), v1.inputs());
        Catalog c = CatalogBuilder.build(spec, FlowsLock.empty(), List.of(
                new EnvironmentState("stage", "stage.json", state("stage", 1, deployed(old, "2026-10-01T00:00:00Z")), null, List.of(), true)),
                null, Instant.now());
        Version v0 = c.flows().get(0).versions().get(0);
        assertEquals("v0", v0.name());
        assertFalse(v0.inSpec());
        assertNull(v0.calls());
        assertEquals("fleet_id", v0.inputs().get(0).path());
    }

    @Test
    void theTimelineTellsCreatedUpdatedAndDeletedApartFromTheKeptStates() throws IOException {
        Spec spec = spec();
        VersionSpec v1 = spec.flows().get("scoring").versions().get("v1");
        VersionSpec v2 = spec.flows().get("scoring").versions().get("v2");
        StateDocument s1 = state("stage", 1, deployed(v1, "2026-11-01T10:00:00Z"));
        StateDocument s2 = state("stage", 2, deployed(v1, "2026-11-05T10:00:00Z"), deployed(v2, "2026-11-05T10:00:00Z"));
        StateDocument s3 = s2.withoutVersion("scoring@v1", Instant.parse("2026-11-09T10:00:00Z")).withSerial(3);
        List<TimelineEvent> events = CatalogBuilder.timeline("scoring", List.of(new EnvironmentState("stage", "x", s3, null, List.of(s1, s2), true)));
        assertEquals(List.of("v1 CREATED 2026-11-01T10:00:00Z", "v1 UPDATED 2026-11-05T10:00:00Z", "v2 CREATED 2026-11-05T10:00:00Z",
                "v1 DELETED 2026-11-09T10:00:00Z"), events.stream().map(e -> e.version() + " " + e.kind() + " " + e.at()).toList());

        // Without the start of the record, the first state's versions were deployed then, created or updated.
        List<TimelineEvent> partial = CatalogBuilder.timeline("scoring", List.of(new EnvironmentState("stage", "x", s3, null, List.of(s2), false)));
        assertEquals(TimelineEvent.Kind.DEPLOYED, partial.get(0).kind());
    }

    @Test
    void linksAStepFunctionsMachineToItsConsolePage() {
        assertEquals("https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/statemachines/view/"
                        + "arn%3Aaws%3Astates%3Aeu-west-1%3A123456789012%3AstateMachine%3Arisk-scoring-v1",
                CatalogBuilder.consoleUrl("arn:aws:states:eu-west-1:123456789012:stateMachine:risk-scoring-v1"));
        assertNull(CatalogBuilder.consoleUrl("risk/scoring/v1.json"));
    }
}
