package dev.flowctl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flowctl.errors.ErrorCode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed flows.yaml yields exactly one positioned message that says what to do. */
class MalformedSpecTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void sources() throws IOException {
        Files.writeString(dir.resolve("flow.py"), "print('hi')\n");
        Files.createDirectories(dir.resolve(".git"));
    }

    private static final String HEAD = "project: risk\nflows:\n  scoring:\n    source: flow.py\n    versions:\n      v1:\n        inputs:\n";

    static Stream<Arguments> cases() {
        return Stream.of(
                bad("", "1:1: the file is empty; start with 'project: <name>' and a 'flows:' mapping."),
                bad("project: [", "1:11: invalid YAML: expected the node content, but found '<stream end>'."),
                bad("- a\n- b\n", "1:1: the top level must be a mapping of key: value, not a list."),
                bad("flows: {}\n", "1:1: missing 'project: <name>' at the top level; it prefixes every deployed name."),
                bad("project: risk\n", "1:1: missing 'flows:' at the top level; declare at least one flow with its versions."),
                bad("project: Risk-Team\nflows: {}\n", "1:10: invalid project name 'Risk-Team': a project name is 1-32 lowercase letters, digits or '_', starting with a letter (it prefixes every deployed name and proto package)."),
                bad("project: risk\nprojct: x\nflows: {}\n", "2:1: unknown key 'projct' in the top level. Did you mean 'project'?"),
                bad("project: risk\nproject: other\nflows: {}\n", "2:1: duplicate key 'project' in the top level; remove one of them."),
                bad("project: risk\ncompatibility: backwards\nflows: {}\n", "2:16: unknown compatibility mode 'backwards'. Did you mean 'backward'? Use one of: backward, forward, full, none."),
                bad("project: risk\nflows:\n  Scoring:\n    source: flow.py\n    versions: { v1: {} }\n", "3:3: invalid flow name 'Scoring': a flow name is lowercase snake_case: letters, digits or '_', starting with a letter, at most 64 characters."),
                bad("project: risk\nflows:\n  scoring:\n    source: flow.py\n", "3:3: flow 'scoring' has no 'versions:'; declare at least one, e.g. v1 with its inputs."),
                bad("project: risk\nflows:\n  scoring:\n    source: flow.py\n    versions:\n      1.0: {}\n", "6:7: invalid version name '1.0': a version name is 1-16 lowercase letters, digits or '_', starting with a letter, e.g. v1 or v2_beta."),
                bad("project: risk\nflows:\n  scoring:\n    versions:\n      v1: {}\n", "5:11: version 'scoring@v1' has no 'source:'; set it on the version or on the flow."),
                bad("project: risk\nflows:\n  scoring:\n    source: missing.py\n    versions: { v1: {} }\n", "4:13: source 'missing.py' does not exist (looked for " + dir.resolve("missing.py") + "); paths are relative to flows.yaml."),
                bad("project: risk\nflows:\n  scoring:\n    source: ../../etc/passwd\n    versions: { v1: {} }\n", "4:13: source '../../etc/passwd' is outside the repository (" + dir + "); keep flow code inside it."),
                bad("project: risk\nflows:\n  scoring:\n    source: flow.py\n    version: { v1: {} }\n", "5:5: unknown key 'version' in flow 'scoring'. Did you mean 'versions'?"),
                bad(HEAD + "          months: { type: integer }\n", "8:27: type 'integer' of input 'months' of version 'scoring@v1' is invalid: unknown type 'integer'; did you mean 'int'?"),
                bad(HEAD + "          months: { type: int, requird: true }\n", "8:32: unknown key 'requird' in input 'months' of version 'scoring@v1'. Did you mean 'required'?"),
                bad(HEAD + "          months: { required: true }\n", "8:19: input 'months' of version 'scoring@v1' has no 'type:'; use one of string, int, float, bool, date, timestamp, enum, struct, list<T>, map<string,T> or a name under types:."),
                bad(HEAD + "          Months: { type: int }\n", "8:11: invalid input name 'Months': a input name is lowercase snake_case: letters, digits or '_', starting with a letter, at most 64 characters."),
                bad(HEAD + "          months: { type: int, default: twelve }\n", "8:41: default of input 'months' of version 'scoring@v1' is 'twelve', not a valid int."),
                bad(HEAD + "          name: { type: string, default: 12 }\n", "8:42: default of input 'name' of version 'scoring@v1' is '12', not a valid string; quote it if it is meant as text."),
                bad(HEAD + "          mode: { type: enum }\n", "8:25: type 'enum' of input 'mode' of version 'scoring@v1' is invalid: an enum needs 'values:', a list such as [fast, full]."),
                bad(HEAD + "          mode: { type: enum, values: [] }\n", "8:39: 'values' of input 'mode' of version 'scoring@v1' must be a non-empty list such as [fast, full]."),
                bad(HEAD + "          mode: { type: enum, values: [fast, full], default: slow }\n", "8:62: default of input 'mode' of version 'scoring@v1' is not one of its values [fast, full]."),
                bad(HEAD + "          fleet: { type: string, required: true, default: a }\n", "8:59: input 'fleet' of version 'scoring@v1' is required and has a default; an input with a default is optional, so drop 'required: true' or the default."),
                bad(HEAD + "          tags: { type: 'map<int,string>' }\n", "8:25: type 'map<int,string>' of input 'tags' of version 'scoring@v1' is invalid: map keys must be string, e.g. map<string,int>."),
                bad(HEAD + "          tags: { type: 'list<string' }\n", "8:25: type 'list<string' of input 'tags' of version 'scoring@v1' is invalid: expected '>' at position 12."),
                bad(HEAD + "          day: { type: date, default: 2024-02-30 }\n", "8:39: default of input 'day' of version 'scoring@v1' is '2024-02-30', not a valid date (write YYYY-MM-DD)."),
                bad("project: risk\ntypes:\n  s3_path: { base: text }\nflows: {}\n", "3:20: base 'text' of type 's3_path' must be one of string, int, float, date, timestamp."),
                bad("project: risk\ntypes:\n  s3_path: { base: string, pattern: '[' }\nflows: {}\n", "3:37: pattern of type 's3_path' is not a valid regular expression: missing closing ]: `[`"
                        + " (flows.yaml patterns use RE2 syntax: no backreferences, lookahead or lookbehind)."),
                bad("project: risk\ntypes:\n  p: { base: string, pattern: '*x' }\nflows:\n  scoring:\n    source: flow.py\n    versions:\n      v1:\n        inputs:\n          out: { type: p, default: x }\n",
                        "3:31: pattern of type 'p' is not a valid regular expression: missing argument to repetition operator: `*`"
                        + " (flows.yaml patterns use RE2 syntax: no backreferences, lookahead or lookbehind)."),
                bad("project: risk\ntypes:\n  pct: { base: float, min: 1, max: 0 }\nflows: {}\n", "3:28: type 'pct' has min 1 above max 0."),
                bad("project: risk\ntypes:\n  s3_path: { base: string, pattern: '^s3://.*$' }\nflows:\n  scoring:\n    source: flow.py\n    versions:\n      v1:\n        inputs:\n          out: { type: s3_path, default: 'gs://x' }\n",
                        "10:42: default of input 'out' of version 'scoring@v1' does not match the pattern ^s3://.*$ of type s3_path."),
                bad("project: risk\nflows: !!python/object:os.system [ls]\n", "2:8: invalid YAML: tag !!python/object:os.system is not allowed; flows.yaml uses plain YAML values only."),
                bad("project: risk\nflowz: {}\n", "2:1: unknown key 'flowz' in the top level. Did you mean 'flows'?"),
                bad("project: risk\nenvironments:\n  ../prod: {}\nflows: {}\n", "3:3: invalid environment name '../prod': an environment name is 1-32 lowercase letters, digits, '_' or '-', starting with a letter, e.g. prod or tenant-a (it goes into deployed names and paths)."),
                bad("project: risk\nenv: {}\nflows: {}\n", "2:1: unknown key 'env' in the top level. Allowed keys: project, compatibility, state, engine, environments, types, include, flows, moved, removed."),
                bad("project: risk\nflows: {}\nowner: " + "x".repeat(70_000) + "\n", "3:65537: line 3 is longer than 65536 characters; keep large content in files that flows.yaml names."),
                bad("project: risk\nstate: { backend: local, bukcet: x }\nflows: {}\n", "2:26: unknown key 'bukcet' in state. Did you mean 'bucket'?"),
                bad(HEAD + "          months: &m { type: int }\n      v2:\n        <<: *m\n",
                        "10:9: unknown key 'type' in version 'scoring@v2'. Allowed keys: source, definition, engine, description, sourceCheck, deprecated, protect, inputs."),
                bad(HEAD + "          months: { type: &t int }\n      v2:\n        <<: *t\n",
                        "10:13: invalid YAML: the merge key '<<' takes a mapping or a list of mappings, e.g. <<: *base or <<: [*a, *b], not 'int'."),
                bad(HEAD + "          months: &m { type: int }\n      v2:\n        inputs:\n          <<: [*m, [x]]\n",
                        "11:20: invalid YAML: the merge key '<<' takes a mapping or a list of mappings, e.g. <<: *base or <<: [*a, *b]; item 2 is a list."),
                bad(HEAD + "          months: &m { type: int }\n      v2:\n        <<: {}\n        <<: {}\n",
                        "11:9: invalid YAML: a mapping holds one merge key '<<'; merge several mappings with <<: [*a, *b]."),
                bad("project: risk\nflows:\n  a: &a { source: flow.py, versions: { v1: {} } }\n  <<: { b: *a }\n",
                        "4:3: invalid YAML: flows: cannot take a merge key '<<'; write each flow under its name, and merge inside a flow or version instead."));
    }

    private static Arguments bad(String yaml, String expected) {
        return Arguments.of(yaml, expected);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("cases")
    void reportsOnePositionedProblem(String yaml, String expected) {
        Path file = dir.resolve("flows.yaml");
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(file, yaml));
        assertEquals(file + ":" + expected, e.problems().get(0).toString(), () -> "all problems:\n" + e.getMessage());
    }

    /**
     * Each kind of problem has its own code, so a script or the troubleshooting page can name it; the
     * first fragment a message contains says which code it must carry.
     */
    private static final List<Map.Entry<String, ErrorCode>> KINDS = List.of(
            Map.entry("invalid YAML", ErrorCode.SPEC_YAML_INVALID),
            Map.entry("the file is empty", ErrorCode.SPEC_YAML_INVALID),
            Map.entry("is longer than", ErrorCode.SPEC_TOO_LARGE),
            Map.entry("unknown key", ErrorCode.SPEC_UNKNOWN_KEY),
            Map.entry("duplicate key", ErrorCode.SPEC_DUPLICATE),
            Map.entry("must be a mapping", ErrorCode.SPEC_WRONG_SHAPE),
            Map.entry("must be a non-empty list", ErrorCode.SPEC_WRONG_SHAPE),
            Map.entry("missing '", ErrorCode.SPEC_MISSING_KEY),
            Map.entry("has no '", ErrorCode.SPEC_MISSING_KEY),
            Map.entry("invalid ", ErrorCode.SPEC_INVALID_NAME),
            Map.entry("unknown compatibility mode", ErrorCode.SPEC_UNKNOWN_VALUE),
            Map.entry("does not exist", ErrorCode.SPEC_PATH_NOT_FOUND),
            Map.entry("outside the repository", ErrorCode.SPEC_PATH_REFUSED),
            Map.entry("is required and has a default", ErrorCode.SPEC_DEFAULT_INVALID),
            Map.entry("default of", ErrorCode.SPEC_DEFAULT_INVALID),
            Map.entry("must be one of string", ErrorCode.SPEC_TYPE_INVALID),
            Map.entry("' of input", ErrorCode.SPEC_TYPE_INVALID),
            Map.entry("pattern of type", ErrorCode.SPEC_PATTERN_INVALID),
            Map.entry("above max", ErrorCode.SPEC_BOUNDS_INVALID));

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("cases")
    void eachKindOfProblemHasItsCode(String yaml, String expected) {
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(dir.resolve("flows.yaml"), yaml));
        String message = expected.substring(expected.indexOf(": ") + 2);
        ErrorCode kind = KINDS.stream().filter(k -> message.contains(k.getKey()) && (!k.getKey().equals("invalid ") || message.startsWith("invalid ")))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no kind for: " + message));
        assertEquals(kind, e.problems().get(0).code(), message);
        assertEquals(ErrorCode.SPEC_INVALID, e.code(), "the summary keeps the code of an invalid flows.yaml");
    }
}
