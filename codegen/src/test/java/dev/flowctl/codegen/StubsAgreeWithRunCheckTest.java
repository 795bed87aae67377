package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.runtime.InputSchema;
import dev.flowctl.runtime.InvalidInputException;
import dev.flowctl.spec.RunInputs;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A differential test: the generated stub's parser and the run-start check (runtime's InputSchema,
 * what flowctl run and the gateway call) accept and refuse the same inputs of the golden spec,
 * which has every type, and a stub's JSON checks to the same canonical input as the original.
 * The stubs' checks are generated from the same schema; this corpus keeps the two from drifting
 * until the stubs call the runtime themselves. Known, deliberate difference left out of the
 * corpus: a stub parsing the engine's JSON ignores members it does not know (flow code must keep
 * working when a later version adds inputs), while a run start refuses them.
 */
class StubsAgreeWithRunCheckTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Method fromJson;
    private static Method toJson;
    private static InputSchema schema;

    @BeforeAll
    static void compile() throws Exception {
        Spec spec = SpecParser.parse(Specs.golden().resolve("flows.yaml"));
        Codegen.Rendered r = Codegen.render(spec, FlowsLock.empty(), Set.of(Language.JAVA));
        GeneratedCode.write(r.files(), dir.resolve("gen"));
        Class<?> input = GeneratedCode.compileJava(dir.resolve("gen/java"), dir.resolve("classes"))
                .loadClass("risk.flows.fleet_features.v1.FleetFeaturesInput");
        fromJson = input.getMethod("fromJson", String.class);
        toJson = input.getMethod("toJson");
        schema = RunInputs.schema(spec.versions().get(0).inputs());
    }

    private static final String OK = "\"fleet_id\":\"f\",\"output\":\"s3://bucket/x\"";

    static List<String> corpus() {
        return List.of(
                "{" + OK + "}",
                "{\"fleet_id\":\"f\"}",
                "{\"output\":\"s3://bucket/x\"}",
                "{\"fleet_id\":7,\"output\":\"s3://bucket/x\"}",
                "{\"fleet_id\":\"f\",\"output\":\"/tmp/x\"}",
                "{\"fleet_id\":\"f\",\"output\":\"s3://ab/x\"}",
                "{" + OK + ",\"months\":0}", "{" + OK + ",\"months\":1}", "{" + OK + ",\"months\":120}", "{" + OK + ",\"months\":121}",
                "{" + OK + ",\"months\":2.5}", "{" + OK + ",\"months\":\"24\"}", "{" + OK + ",\"months\":99999999999999999999}",
                "{" + OK + ",\"mode\":\"full\"}", "{" + OK + ",\"mode\":\"FULL\"}", "{" + OK + ",\"mode\":null}", "{" + OK + ",\"mode\":1}",
                "{" + OK + ",\"dry_run\":true}", "{" + OK + ",\"dry_run\":\"true\"}",
                "{" + OK + ",\"as_of\":\"2024-02-29\"}", "{" + OK + ",\"as_of\":\"2023-02-29\"}", "{" + OK + ",\"as_of\":\"29/02/2024\"}",
                "{" + OK + ",\"received_after\":\"2024-01-31T12:00:00Z\"}", "{" + OK + ",\"received_after\":\"2024-01-31T13:00:00.5+01:00\"}",
                "{" + OK + ",\"received_after\":\"2024-01-31T12:00:00\"}", "{" + OK + ",\"received_after\":0}",
                "{" + OK + ",\"threshold\":0}", "{" + OK + ",\"threshold\":1}", "{" + OK + ",\"threshold\":1.0000001}",
                "{" + OK + ",\"threshold\":-0.0}", "{" + OK + ",\"threshold\":1e400}", "{" + OK + ",\"threshold\":\"0.5\"}",
                "{" + OK + ",\"weather_sources\":[]}", "{" + OK + ",\"weather_sources\":[\"noaa\",\"meteomatics\"]}",
                "{" + OK + ",\"weather_sources\":[\"noaa\",\"nasa\"]}", "{" + OK + ",\"weather_sources\":[null]}",
                "{" + OK + ",\"weather_sources\":\"noaa\"}",
                "{" + OK + ",\"reviewers\":{\"alice\":3}}", "{" + OK + ",\"reviewers\":{\"alice\":\"3\"}}", "{" + OK + ",\"reviewers\":[3]}",
                "{" + OK + ",\"paths\":[\"s3://abc/1\",\"s3://abc/2\"]}", "{" + OK + ",\"paths\":[\"s3://abc/1\",\"file:///x\"]}",
                "{" + OK + ",\"limits\":{\"max_rows\":10}}", "{" + OK + ",\"limits\":{}}", "{" + OK + ",\"limits\":{\"max_rows\":10,\"priority\":\"urgent\"}}",
                "{" + OK + ",\"limits\":{\"max_rows\":10,\"window\":{\"days\":3,\"start\":\"2024-01-01T00:00:00Z\"}}}",
                "{" + OK + ",\"limits\":{\"max_rows\":10,\"window\":{\"days\":\"3\"}}}", "{" + OK + ",\"limits\":[]}",
                "[]", "\"text\"", "{");
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void theStubAndTheRunCheckAgree(String input) throws Exception {
        JsonNode canonical;
        try {
            canonical = schema.check(input).json();
        } catch (InvalidInputException e) {
            canonical = null;
        }
        String stubJson;
        try {
            stubJson = (String) toJson.invoke(fromJson.invoke(null, input));
        } catch (InvocationTargetException e) {
            if (!(e.getCause() instanceof IllegalArgumentException)) throw e;
            stubJson = null;
        }
        assertEquals(canonical != null, stubJson != null, "the run check " + (canonical != null ? "accepts" : "refuses")
                + " what the stub " + (stubJson != null ? "accepts" : "refuses") + ": " + input);
        if (canonical != null) assertEquals(canonical, schema.check(M.readTree(stubJson)).json(), input);
    }
}
