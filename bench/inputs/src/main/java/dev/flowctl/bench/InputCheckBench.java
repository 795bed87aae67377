package dev.flowctl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.codegen.Codegen;
import dev.flowctl.codegen.FlowsLock;
import dev.flowctl.codegen.Language;
import dev.flowctl.codegen.ProtoInputs;
import dev.flowctl.runtime.InputSchema;
import dev.flowctl.spec.RunInputs;
import dev.flowctl.spec.SchemaJson;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a run start costs flowctl before the engine is called, on the example's largest input
 * (claims_triage@v1: a list, an enum, a map and a timestamp): the check against the applied schema
 * with defaults applied, from canonical JSON text, and from proto3 JSON (mapped, then checked).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InputCheckBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CANONICAL = """
            {"claim_ids": ["c-1001", "c-1002", "c-1003", "c-1004", "c-1005"], "severity": "high",
             "reviewers": {"alice": 5, "bob": 3, "carol": 8}, "received_after": "2026-11-30T08:15:00Z"}""";
    static final String PROTO3 = """
            {"claimIds": ["c-1001", "c-1002", "c-1003", "c-1004", "c-1005"], "severity": "SEVERITY_HIGH",
             "reviewers": {"alice": 5, "bob": 3, "carol": 8}, "receivedAfter": "2026-11-30T08:15:00Z"}""";

    InputSchema schema;
    ProtoInputs mapping;
    JsonNode proto3;

    @Setup
    public void setUp() throws Exception {
        Spec spec = SpecParser.parse(Path.of(System.getProperty("flowctl.example", "flows.yaml.example")));
        var v = spec.flows().get("claims_triage").versions().get("v1");
        schema = RunInputs.schema(SchemaJson.toJson(v.inputs()));
        mapping = ProtoInputs.of(Codegen.render(spec, FlowsLock.empty(), Set.of(Language.JAVA))).get("claims_triage@v1");
        proto3 = JSON.readTree(PROTO3);
        schema.check(CANONICAL);
        schema.check(mapping.canonicalSpelling(proto3));
    }

    /** Canonical JSON text as `flowctl run` and the Runs service receive it: parse, check, apply defaults, write. */
    @Benchmark
    public String canonicalText() {
        return schema.check(CANONICAL).text();
    }

    /** proto3 JSON as a gRPC JSON client sends it: map to the canonical spellings, then check. */
    @Benchmark
    public String proto3Json() {
        return schema.check(mapping.canonicalSpelling(proto3)).text();
    }
}
