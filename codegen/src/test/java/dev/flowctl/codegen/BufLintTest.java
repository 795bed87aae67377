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
        Spec spec = Specs.write(dir, Specs.scoresYaml("""
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
                """));
        assertLintsClean(spec);
    }

    @Test
    void aDeprecatedVersionLintsClean() throws Exception {
        Spec spec = Specs.write(dir, Specs.scoresYaml("""
                v1:
                  deprecated: { replacement: v2, sunset: 2027-03-01, reason: "v2 reads the new store" }
                  inputs:
                    fleet_id: { type: string, required: true }
                v2:
                  inputs:
                    fleet_id: { type: string, required: true }
                """));
        assertLintsClean(spec);
    }

    /**
     * Enum values are prefixed with the input's name, not the enum type's (MODE_FAST in enum
     * ModeType): a value's proto3 JSON name and protoc's constant stay the same when the type is
     * renamed later. Where buf wants the type's prefix, the enum carries an ENUM_VALUE_PREFIX ignore.
     */
    @Test
    void enumsRenamedToDodgeAClashOrNamedWithDigitsLintCleanAndKeepTheirValueNames() throws Exception {
        String before = """
                builder: { type: enum, values: [fast, full] }
                x_entry: { type: enum, values: [on, off] }
                tier_2: { type: enum, values: [gold] }
                a_b: { type: enum, values: [c] }
                mode2_fast: { type: enum, values: [yes] }
                limits: { type: struct, fields: { limits: { type: enum, values: [low, high] } } }
                """.indent(6); // Specs.oneVersion wants them at column 6
        assertLintsClean(Specs.oneVersion(dir, before));
        String first = Specs.read(dir.resolve("gen/proto/risk/flows/scores/v1/scores.proto"));
        assertTrue(first.contains("enum BuilderType {") && first.contains("BUILDER_FAST = 1;"), first);
        assertTrue(first.contains("enum XEntry {") && first.contains("X_ENTRY_ON = 1;"), first);
        assertTrue(first.contains("enum LimitsType {") && first.contains("LIMITS_LOW = 1;"), first);
        // A map input x added later takes protoc's entry type XEntry: x_entry's enum is renamed, its values are not.
        assertLintsClean(Specs.oneVersion(dir, before + "      x: { type: 'map<string,int>' }\n"));
        String after = Specs.read(dir.resolve("gen/proto/risk/flows/scores/v1/scores.proto"));
        assertTrue(after.contains("enum XEntryType {") && after.contains("X_ENTRY_ON = 1;"), after);
        assertTrue(after.contains("  // buf:lint:ignore ENUM_VALUE_PREFIX\n  enum XEntryType {"), after);
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
