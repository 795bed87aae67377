package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated code compiles for real, whatever legal names flows.yaml uses: the Java stubs with
 * javac (in-process, lint and doclint as errors), the protos with protoc, whose descriptors
 * must equal the generator's model, and protoc's own Java output with javac.
 */
class JavaStubsCompileTest {
    @TempDir
    Path dir;

    /** Names that are Java keywords, generated members and locals, or hide types the stubs use. */
    static final String AWKWARD = """
            project: package
            engine: { type: local }
            state: { backend: local }
            types:
              code: { base: string, pattern: '[a-z]+' }
              ratio: { base: float, min: 0, max: 1 }
            flows:
              new:
                source: flows/f.py
                versions:
                  do:
                    inputs:
                      class: { type: string, required: true }
                      b: { type: string }
                      o: { type: int }
                      n: { type: float }
                      node: { type: bool }
                      other: { type: string }
                      e1: { type: 'list<code>' }
                      n1: { type: 'map<string,ratio>' }
                      w1: { type: date }
                      v: { type: timestamp }
                      value: { type: code, default: abc }
                      where: { type: ratio, default: 0.5 }
                      java: { type: code }
                      builder: { type: string }
                      to_builder: { type: string }
                      to_json: { type: string }
                      from_json: { type: string }
                      to_json_node: { type: string }
                      from_json_node: { type: string }
                      hash_code: { type: int }
                      to_string: { type: string }
                      get_class: { type: string }
                      equals: { type: string }
                      wait: { type: int }
                      notify: { type: int }
                      clone: { type: int }
                      finalize: { type: int }
                      build: { type: string }
                      default: { type: string }
                      'true': { type: bool }
                      'null': { type: string }
                      var: { type: string }
                      record: { type: string }
                      yield: { type: string }
                      enum: { type: string }
                      int: { type: int }
                      string: { type: enum, values: [a, b], default: a }
                      string_type: { type: enum, values: [c] }
                      objects: { type: struct, fields: { objects: { type: int }, string: { type: enum, values: [x] } } }
                      integer: { type: enum, values: [one] }
                      long: { type: struct, fields: { long: { type: int, required: true } } }
                      double: { type: enum, values: [d] }
                      boolean: { type: 'list<enum>', values: ['yes', 'no'] }
                      object: { type: struct, fields: { object: { type: string } } }
                      optional: { type: 'list<struct>', fields: { optional: { type: string } } }
                      override: { type: enum, values: [o] }
                      json_node: { type: enum, values: [j] }
                      object_node: { type: struct, fields: { o: { type: string } } }
                      flow_inputs: { type: 'map<string,enum>', values: [f] }
                      invalid_input_exception: { type: struct, fields: { builder: { type: struct, fields: { b: { type: int } } } } }
                      list: { type: 'list<enum>', values: [l] }
                      map: { type: 'map<string,struct>', fields: { map: { type: string } } }
                      new_input: { type: struct, fields: { new_input: { type: enum, values: [z] } } }
                      pattern: { type: enum, values: [p] }
                      instant: { type: struct, fields: { at: { type: timestamp } } }
                      timestamp: { type: struct, fields: { at: { type: timestamp } } }
                      google: { type: string }
                      n1_entry: { type: struct, fields: { x: { type: int } } }
                      tag_entry: { type: struct, fields: { tag: { type: 'map<string,int>' } } }
                      kinds: { type: 'list<enum>', values: [a_b, a__b, unspecified, VALUE, values, of] }
                      mode: { type: enum, values: [x_y] }
                      mode_x: { type: enum, values: [y] }
              google:
                source: flows/f.py
                versions:
                  v1:
                    inputs:
                      at: { type: timestamp }
              flowctl:
                source: flows/f.py
                versions:
                  v1:
                    inputs:
                      at: { type: timestamp }
            """;

    @Test
    void theGoldenSpecCompiles() throws Exception {
        Spec spec = SpecParser.parse(Specs.golden().resolve("flows.yaml"));
        compileEverything(Codegen.render(spec, FlowsLock.read(Specs.golden().resolve("flows.lock")), Set.of(Language.PROTO, Language.JAVA)));
    }

    @Test
    void stubsForAwkwardNamesCompileAndRoundTrip() throws Exception {
        Spec spec = Specs.write(dir.resolve("spec"), AWKWARD);
        Codegen.Rendered r = Codegen.render(spec, FlowsLock.empty(), Set.of(Language.PROTO, Language.JAVA));
        ClassLoader loader = compileEverything(r);
        String proto = r.files().get("proto/package/flows/new/do/new.proto").content();
        assertTrue(proto.contains("NewInputType new_input = "), "a nested type is not named like its enclosing message");
        assertTrue(proto.contains("N1EntryType n1_entry = "), "nor like the entry type protoc makes for map n1");
        assertTrue(proto.contains("TagEntryType tag_entry = "), "nor like the entry type of its own map field tag");
        assertTrue(r.lock().render().matches("(?s).*\nnew@do field new_input \\d+ NewInput NewInputType\n.*"),
                "the lock's proto type is the input's own name, so dodging a clash never costs a number;"
                        + " the name the type got instead is pinned beside it: " + r.lock().render());

        Class<?> input = loader.loadClass("package_.flows.new_.do_.NewInput");
        String json = "{\"class\":\"c\",\"b\":\"b\",\"o\":1,\"n\":2.5,\"node\":true,\"other\":\"x\",\"e1\":[\"ab\"],\"n1\":{\"k\":0.25},"
                + "\"w1\":\"2024-01-31\",\"v\":\"2024-01-31T12:00:00Z\",\"value\":\"xyz\",\"where\":0.75,\"java\":\"j\","
                + "\"builder\":\"bu\",\"equals\":\"eq\",\"wait\":3,\"string\":\"b\",\"string_type\":\"c\","
                + "\"objects\":{\"objects\":4,\"string\":\"x\"},\"long\":{\"long\":5},\"optional\":[{\"optional\":\"op\"}],"
                + "\"invalid_input_exception\":{\"builder\":{\"b\":6}},\"map\":{\"k\":{\"map\":\"m\"}},\"new_input\":{\"new_input\":\"z\"}}";
        Object parsed = input.getMethod("fromJson", String.class).invoke(null, json);
        assertEquals(json, input.getMethod("toJson").invoke(parsed), "every member survives a round trip");
        Object copy = input.getMethod("toBuilder").invoke(parsed);
        Object rebuilt = copy.getClass().getMethod("build").invoke(copy);
        assertEquals(parsed, rebuilt);
        assertEquals(parsed.hashCode(), rebuilt.hashCode());
        Object other = input.getMethod("fromJson", String.class).invoke(null, json.replace("\"other\":\"x\"", "\"other\":\"y\""));
        assertNotEquals(parsed, other, "equals compares the input named other");
        Method getter = input.getMethod("other");
        assertEquals(java.util.Optional.of("y"), getter.invoke(other));
    }

    @Test
    void aProjectNamedJavaGetsStubsTheJvmWillLoad() throws Exception {
        Spec spec = Specs.write(dir.resolve("spec"), """
                project: java
                engine: { type: local }
                state: { backend: local }
                flows:
                  lang:
                    source: flows/f.py
                    versions:
                      v1:
                        inputs:
                          a: { type: string }
                """);
        ClassLoader loader = compileEverything(Codegen.render(spec, FlowsLock.empty(), Set.of(Language.PROTO, Language.JAVA)));
        Class<?> input = loader.loadClass("java_.flows.lang.v1.LangInput");
        Object parsed = input.getMethod("fromJson", String.class).invoke(null, "{\"a\":\"x\"}");
        assertEquals("{\"a\":\"x\"}", input.getMethod("toJson").invoke(parsed));
        loader.loadClass("java_.flows.lang.v1.proto.LangInput");
    }

    @Test
    void multiLineAndHostileDescriptionsMakeWellFormedComments() throws Exception {
        Spec spec = Specs.write(dir.resolve("spec"), """
                project: risk
                engine: { type: local }
                state: { backend: local }
                types:
                  odd: { base: string, pattern: 'a*/b\\\\u0041\\n' }
                  nl: { base: string, pattern: "x\\ny" }
                flows:
                  scores:
                    description: |
                      Scores fleets.

                      Second paragraph.
                    source: flows/f.py
                    versions:
                      v1:
                        inputs:
                          note:
                            type: odd
                            description: |

                              First line ends */ a comment
                              <b>bold</b> & @deprecated {@link Nothing}


                              \\u000a is a line break to javac
                          tab: { type: 'list<int>', description: "one\\ttab\\rcarriage\\u2028separator\\x85next" }
                          line: { type: nl, description: "ends with a newline\\n" }
                """);
        Codegen.Rendered r = Codegen.render(spec, FlowsLock.empty(), Set.of(Language.PROTO, Language.JAVA));
        String proto = r.files().get("proto/risk/flows/scores/v1/scores.proto").content();
        assertTrue(proto.contains("""
                // Scores fleets.
                //
                // Second paragraph.
                // Inputs of scores@v1.
                message ScoresInput {
                  // First line ends */ a comment
                  // <b>bold</b> & @deprecated {@link Nothing}
                  //
                  // \\u000a is a line break to javac.
                  // Optional.
                  // flows.yaml type: odd(string).
                  // Must match a*/b\\\\u0041\\n
                  optional string note = 1;
                  // one tab
                  // carriage
                  // separator
                  // next.
                  // Optional.
                  // flows.yaml type: list<int>.
                  repeated int64 tab = 2;
                  // ends with a newline.
                  // Optional.
                  // flows.yaml type: nl(string).
                  // Must match x\\ny
                  optional string line = 3;
                """), proto);
        String java = r.files().get("java/risk/flows/scores/v1/ScoresInput.java").content();
        assertTrue(java.contains("    /** First line ends *&#47; a comment &lt;b&gt;bold&lt;/b&gt; &amp; &#64;deprecated {&#64;link Nothing}"
                + " &#92;u000a is a line break to javac. Optional. flows.yaml type: odd(string). Must match a*&#47;b\\&#92;u0041\\n */\n"), java);
        assertTrue(java.contains("    /** one tab carriage separator next. Optional. flows.yaml type: list&lt;int&gt;. */\n"), java);
        assertTrue(java.contains("    /** ends with a newline. Optional. flows.yaml type: nl(string). Must match x\\ny */\n"), java);
        compileEverything(r);
    }

    /**
     * The stub embeds its version's schema, descriptions and all; a class file holds a string constant
     * of at most 65,535 bytes, so a larger schema (here about 90 KB) is embedded in parts.
     */
    @Test
    void aSchemaLargerThanOneStringConstantIsEmbeddedInParts() throws Exception {
        StringBuilder yaml = new StringBuilder(Specs.scoresYaml("""
                v1:
                  inputs:
                    fleet_id: { type: string, required: true }
                """));
        for (int i = 0; i < 30; i++) yaml.append("          in_").append(i).append(": { type: int, description: '").append("\u20ac".repeat(1000)).append("' }\n");
        Codegen.Rendered r = Codegen.render(Specs.write(dir.resolve("spec"), yaml.toString()), FlowsLock.empty(), Set.of(Language.JAVA));
        GeneratedCode.write(r.files(), dir.resolve("gen"));
        Class<?> input = GeneratedCode.compileJava(dir.resolve("gen/java"), dir.resolve("classes")).loadClass("risk.flows.scores.v1.ScoresInput");
        Method fromJson = input.getMethod("fromJson", String.class);
        fromJson.invoke(null, "{\"fleet_id\":\"f\",\"in_29\":3}");
        var refused = org.junit.jupiter.api.Assertions.assertThrows(java.lang.reflect.InvocationTargetException.class,
                () -> fromJson.invoke(null, "{\"in_29\":3}"));
        assertEquals("input refused: 'fleet_id' is required.", refused.getCause().getMessage());
    }

    /** Compiles stubs and runtime with javac, the protos with protoc (when present), and protoc's Java. */
    private ClassLoader compileEverything(Codegen.Rendered r) throws Exception {
        Path out = dir.resolve("gen");
        GeneratedCode.write(r.files(), out);
        Path protoc = GeneratedCode.protoc(dir.resolve("protoc"));
        if (protoc != null) {
            Map<String, FileDescriptorProto> compiled = GeneratedCode.protoc(protoc, out.resolve("proto"), dir.resolve("protoc"),
                    out.resolve("java"));
            assertEquals(r.descriptors().keySet(), compiled.keySet());
            r.descriptors().forEach((name, expected) -> assertEquals(expected, compiled.get(name), name));
        }
        ClassLoader loader = GeneratedCode.compileJava(out.resolve("java"), dir.resolve("classes"));
        assumeTrue(protoc != null, "protoc is not in the local Maven repository; the protos were not compiled");
        return loader;
    }
}
