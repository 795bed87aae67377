package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated .proto files pass `buf lint` with buf's standard rules (DEFAULT in a v1 buf.yaml)
 * and no exception in the team's buf.yaml: the few exceptions the contracts need are buf comment
 * ignores in the generated files themselves (docs/codegen.md#buf-lint says why each).
 */
class BufLintTest {
    @TempDir
    Path dir;

    @Test
    void theExampleProjectLintsClean() throws Exception {
        Path example = Path.of("../examples/consumer").toAbsolutePath().normalize();
        Spec spec = SpecParser.parse(example.resolve("flows.yaml"));
        Files.copy(example.resolve("flows.lock"), dir.resolve("flows.lock"));
        assertLintsClean(spec);
    }

    @Test
    void aCanaryVersionAndTwoVersionsOfOneFlowLintClean() throws Exception {
        Spec spec = Specs.write(dir, """
                project: risk
                engine: { type: local }
                state: { backend: local }
                flows:
                  scores:
                    source: flows/f.py
                    versions:
                      v1:
                        inputs:
                          fleet_id: { type: string, required: true }
                          mode: { type: enum, values: [fast, full] }
                      v2:
                        inputs:
                          fleet_id: { type: string, required: true }
                          limits: { type: struct, fields: { max_rows: { type: int }, priority: { type: enum, values: [low, high] } } }
                      canary:
                        inputs:
                          fleet_id: { type: string, required: true }
                          at: { type: timestamp }
                """);
        assertLintsClean(spec);
    }

    private void assertLintsClean(Spec spec) throws Exception {
        Buf.assumeInstalled();
        Path out = dir.resolve("gen");
        Codegen.generate(new Codegen.Request(spec, out, dir.resolve("flows.lock"), Set.of(Language.PROTO)));
        Path proto = out.resolve("proto");
        Buf.module(proto, "lint:\n  use:\n    - STANDARD\n");
        Buf.Run v2 = Buf.run("lint", proto.toString());
        assertEquals(0, v2.exit(), "buf lint (v2, STANDARD) said: " + v2.output());
        // The same with a v1 buf.yaml, where comment ignores must be allowed explicitly.
        Files.writeString(proto.resolve("buf.yaml"), "version: v1\nlint:\n  use:\n    - DEFAULT\n  allow_comment_ignores: true\n");
        Buf.Run v1 = Buf.run("lint", proto.toString());
        assertEquals(0, v1.exit(), "buf lint (v1, DEFAULT) said: " + v1.output());
        assertTrue(Files.exists(proto.resolve(spec.project() + "/flows")), "generated nothing to lint");
    }
}
