package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.flowctl.runtime.InvalidInputException;
import dev.flowctl.spec.Spec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated builder and parser enforce flows.yaml's rules through the runtime, with its paths and messages. */
class StubRulesTest {
    @TempDir
    static Path dir;

    private static Class<?> input;

    @BeforeAll
    static void compile() throws Exception {
        Spec spec = Specs.write(dir.resolve("spec"), """
                project: risk
                engine: { type: local }
                state: { backend: local }
                types:
                  s3_path: { base: string, pattern: 's3://[a-z]+/.*' }
                  ratio: { base: float, min: 0, max: 1 }
                  weight: { base: float }
                  greedy: { base: string, pattern: '^(.*a){20}$' }
                flows:
                  scores:
                    source: flows/f.py
                    versions:
                      v1:
                        inputs:
                          output: { type: s3_path }
                          threshold: { type: float }
                          share: { type: ratio }
                          weight: { type: weight }
                          samples: { type: 'list<float>' }
                          limits: { type: 'map<string,ratio>' }
                          greedy: { type: greedy }
                """);
        Codegen.Rendered r = Codegen.render(spec, FlowsLock.empty(), Set.of(Language.JAVA));
        GeneratedCode.write(r.files(), dir.resolve("gen"));
        input = GeneratedCode.compileJava(dir.resolve("gen/java"), dir.resolve("classes")).loadClass("risk.flows.scores.v1.ScoresInput");
    }

    /** Builds with one setter called, returning the exception build() threw (null if none). */
    private static RuntimeException build(String setter, Class<?> type, Object value) throws Exception {
        Object builder = input.getMethod("builder").invoke(null);
        builder.getClass().getMethod(setter, type).invoke(builder, value);
        try {
            builder.getClass().getMethod("build").invoke(builder);
            return null;
        } catch (InvocationTargetException e) {
            return (RuntimeException) e.getCause();
        }
    }

    private static RuntimeException parse(String json) throws Exception {
        Method fromJson = input.getMethod("fromJson", String.class);
        try {
            fromJson.invoke(null, json);
            return null;
        } catch (InvocationTargetException e) {
            return (RuntimeException) e.getCause();
        }
    }

    /** The stubs throw the runtime's exception, the one flowctl run and the gateway throw. */
    private static void refused(RuntimeException e, String message) {
        assertInstanceOf(InvalidInputException.class, e, "expected a refusal: " + message);
        assertEquals(message, e.getMessage());
    }

    @Test
    void aPatternMustMatchTheWholeValueAsFlowsYamlDefaultsAreChecked() throws Exception {
        assertEquals(null, build("output", String.class, "s3://bucket/x"));
        refused(build("output", String.class, "xs3://bucket/x"),
                "input refused: 'output' must match s3://[a-z]+/.*; got \"xs3://bucket/x\".");
        refused(parse("{\"output\":\"see s3://bucket/x\"}"),
                "input refused: 'output' must match s3://[a-z]+/.*; got \"see s3://bucket/x\".");
    }

    /**
     * A caller's value cannot make a stub (or the service using it) hang on a pattern from
     * flows.yaml: java.util.regex backtracks for minutes on this one, RE2/J answers at once.
     * The timeout is a hang guard, not a performance assertion.
     */
    @Test
    void aCatastrophicPatternIsCheckedInLinearTime() {
        String value = "a".repeat(34) + "!";
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () ->
                refused(build("greedy", String.class, value),
                        "input refused: 'greedy' must match ^(.*a){20}$; got \"" + value + "\"."));
    }

    @Test
    void notANumberAndInfinityAreRefusedLikeAnyOtherInvalidInput() throws Exception {
        String finite = " must be a finite number within the range of a 64-bit float.";
        refused(build("threshold", Double.class, Double.NaN), "input refused: 'threshold'" + finite);
        refused(build("threshold", Double.class, Double.POSITIVE_INFINITY), "input refused: 'threshold'" + finite);
        refused(build("share", Double.class, Double.NaN), "input refused: 'share'" + finite);
        refused(build("weight", Double.class, Double.NEGATIVE_INFINITY), "input refused: 'weight'" + finite);
        refused(build("samples", List.class, List.of(1.0, Double.NaN)), "input refused: 'samples[1]'" + finite);
        refused(build("limits", Map.class, Map.of("a", Double.POSITIVE_INFINITY)), "input refused: 'limits[\"a\"]'" + finite);
        assertEquals(null, build("threshold", Double.class, 1e300));
    }

    @Test
    void aNumberTooLargeForADoubleIsRefusedWhenParsing() throws Exception {
        String finite = " must be a finite number within the range of a 64-bit float.";
        refused(parse("{\"threshold\":1e400}"), "input refused: 'threshold'" + finite);
        refused(parse("{\"samples\":[1,-1e999]}"), "input refused: 'samples[1]'" + finite);
    }

    /** A null in a list is refused at its index, as a run start refuses it, instead of failing later in toJson(). */
    @Test
    void aNullElementIsRefusedAtItsIndex() throws Exception {
        refused(build("samples", List.class, java.util.Arrays.asList(0.5, null)), "input refused: 'samples[1]' must not be null.");
    }
}
