package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

/** The generated builder and parser enforce flows.yaml's rules the way flowctl states them. */
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

    private static void refused(RuntimeException e, String message) {
        assertInstanceOf(IllegalArgumentException.class, e, "expected a refusal: " + message);
        assertEquals("InvalidInputException", e.getClass().getSimpleName());
        assertEquals(message, e.getMessage());
    }

    @Test
    void aPatternMustMatchTheWholeValueAsFlowsYamlDefaultsAreChecked() throws Exception {
        assertEquals(null, build("output", String.class, "s3://bucket/x"));
        refused(build("output", String.class, "xs3://bucket/x"),
                "scores@v1 input 'output' must match s3://[a-z]+/.*; got \"xs3://bucket/x\".");
        refused(parse("{\"output\":\"see s3://bucket/x\"}"),
                "scores@v1 input 'output' must match s3://[a-z]+/.*; got \"see s3://bucket/x\".");
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
                        "scores@v1 input 'greedy' must match ^(.*a){20}$; got \"" + value + "\"."));
    }

    @Test
    void notANumberAndInfinityAreRefusedLikeAnyOtherInvalidInput() throws Exception {
        refused(build("threshold", Double.class, Double.NaN),
                "scores@v1 input 'threshold' must be a finite number (JSON has no NaN or Infinity); got NaN.");
        refused(build("threshold", Double.class, Double.POSITIVE_INFINITY),
                "scores@v1 input 'threshold' must be a finite number (JSON has no NaN or Infinity); got Infinity.");
        refused(build("share", Double.class, Double.NaN),
                "scores@v1 input 'share' must be a finite number (JSON has no NaN or Infinity); got NaN.");
        refused(build("weight", Double.class, Double.NEGATIVE_INFINITY),
                "scores@v1 input 'weight' must be a finite number (JSON has no NaN or Infinity); got -Infinity.");
        refused(build("samples", List.class, List.of(1.0, Double.NaN)),
                "scores@v1 input 'samples' must be a finite number (JSON has no NaN or Infinity); got NaN.");
        refused(build("limits", Map.class, Map.of("a", Double.POSITIVE_INFINITY)),
                "scores@v1 input 'limits' must be a finite number (JSON has no NaN or Infinity); got Infinity.");
        assertEquals(null, build("threshold", Double.class, 1e300));
    }

    @Test
    void aNumberTooLargeForADoubleIsRefusedWhenParsing() throws Exception {
        refused(parse("{\"threshold\":1e400}"), "scores@v1 input 'threshold' must be a finite number; a double cannot hold it.");
        refused(parse("{\"samples\":[1,-1e999]}"), "scores@v1 input 'samples'[1] must be a finite number; a double cannot hold it.");
    }
}
