package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.runtime.InputSchema;
import dev.flowctl.runtime.InputViolation;
import dev.flowctl.runtime.InvalidInputException;
import dev.flowctl.spec.RunInputs;
import dev.flowctl.spec.SchemaJson;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stub refuses what a run start refuses, with the same violations: it embeds the version's schema
 * and calls the runtime's check, so this holds by construction as long as the embedded schema is
 * the one apply records and the builder writes the JSON it holds. These few inputs of the golden
 * spec (every type) catch a stub whose schema or JSON drifted from that.
 */
class StubsCheckLikeARunStartTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Class<?> input;
    /** What flowctl run and the gateway check: the schema as state records it, compiled as RunService does. */
    private static InputSchema runCheck;

    @BeforeAll
    static void compile() throws Exception {
        Spec spec = SpecParser.parse(Specs.golden().resolve("flows.yaml"));
        Codegen.Rendered r = Codegen.render(spec, FlowsLock.empty(), Set.of(Language.JAVA));
        GeneratedCode.write(r.files(), dir.resolve("gen"));
        input = GeneratedCode.compileJava(dir.resolve("gen/java"), dir.resolve("classes"))
                .loadClass("risk.flows.fleet_features.v1.FleetFeaturesInput");
        runCheck = RunInputs.schema(SchemaJson.toJson(spec.versions().get(0).inputs()));
    }

    private static List<InputViolation> stubRefuses(String json) throws Exception {
        Method fromJson = input.getMethod("fromJson", String.class);
        try {
            fromJson.invoke(null, json);
            return List.of();
        } catch (InvocationTargetException e) {
            return assertInstanceOf(InvalidInputException.class, e.getCause()).violations();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"months\":121,\"output\":\"/tmp/x\",\"mode\":\"FULL\",\"as_of\":\"2023-02-29\",\"threshold\":1e400}",
            "{\"fleet_id\":7,\"output\":\"s3://bucket/x\",\"weather_sources\":[\"noaa\",null,\"nasa\"],\"reviewers\":{\"alice\":\"3\"}}",
            "{\"fleet_id\":\"f\",\"output\":\"s3://bucket/x\",\"paths\":[\"file:///x\"],\"received_after\":\"2024-01-31T12:00:00\"}",
            "{\"fleet_id\":\"f\",\"output\":\"s3://bucket/x\",\"limits\":{\"priority\":\"urgent\",\"window\":{\"days\":\"3\"}}}",
            "[]", "{"})
    void theStubsParserRefusesWithTheRunChecksViolations(String json) throws Exception {
        List<InputViolation> expected = assertInstanceOf(InvalidInputException.class,
                org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class, () -> runCheck.check(json))).violations();
        assertEquals(expected, stubRefuses(json));
    }

    @Test
    void theStubsBuilderRefusesWithTheRunChecksViolations() throws Exception {
        Object builder = input.getMethod("builder").invoke(null);
        builder.getClass().getMethod("months", Long.class).invoke(builder, 0L);
        builder.getClass().getMethod("paths", List.class).invoke(builder, List.of("s3://abc/1", "s3:/x"));
        Throwable thrown;
        try {
            builder.getClass().getMethod("build").invoke(builder);
            thrown = null;
        } catch (InvocationTargetException e) {
            thrown = e.getCause();
        }
        assertEquals(runCheck.violations(M.readTree("{\"months\":0,\"paths\":[\"s3://abc/1\",\"s3:/x\"]}")),
                assertInstanceOf(InvalidInputException.class, thrown).violations());
    }

    /** The one deliberate difference: flow code parsing the engine's JSON ignores an input it does not know yet. */
    @Test
    void aMemberTheSchemaDoesNotKnowIsIgnoredByTheStubAndRefusedByARunStart() throws Exception {
        String json = "{\"fleet_id\":\"f\",\"output\":\"s3://bucket/x\",\"colour\":\"red\"}";
        assertEquals(List.of(), stubRefuses(json));
        assertEquals(List.of("colour"), runCheck.violations(M.readTree(json)).stream().map(InputViolation::path).toList());
    }
}
