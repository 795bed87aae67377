package dev.flowctl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * flows.yaml from a pull request is untrusted: no spec may hang validate or plan (issue 14, items
 * 3, 4, 5 and 13). Each case ran for minutes or forever before the bound it checks; the timeout
 * is a hang guard so a regression fails CI in bounded time, not a performance assertion.
 */
class HostileSpecTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    private static final String FLOW = "flows:\n  f:\n    source: flow.py\n    versions:\n      v1:\n        inputs:\n";

    @TempDir
    Path dir;
    private Path file;

    @BeforeEach
    void repo() throws IOException {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve("flow.py"), "print(1)\n");
        file = dir.resolve("flows.yaml");
    }

    /** Parses on a guarded thread and returns the problems; the spec must be refused. */
    private List<SpecProblem> problems(String yaml) {
        return assertTimeoutPreemptively(HANG_GUARD,
                () -> assertThrows(SpecException.class, () -> SpecParser.parse(file, yaml)).problems());
    }

    private static SpecProblem only(List<SpecProblem> problems) {
        assertEquals(1, problems.size(), problems::toString);
        return problems.get(0);
    }

    /** Item 3: each alias doubles the one before; the alias count stays under its bound. */
    @Test
    void aliasDoublingIsRefusedAtTheAliasThatCrossesTheExpansionBound() {
        StringBuilder tags = new StringBuilder("&a0 [x, x]");
        for (int i = 1; i < 50; i++) tags = new StringBuilder("&a" + i + " [" + tags + ", *a" + (i - 1) + "]");
        String yaml = "project: risk\nengine:\n  type: local\n  tags: " + tags + "\n" + FLOW + "          {}\n";
        assertTrue(yaml.length() < 800, "a small file");
        SpecProblem p = only(problems(yaml));
        int crossing = yaml.indexOf("*a14]"); // a14 holds 2^16 - 1 nodes; with those before, over 100000
        assertEquals(4, p.line(), p::toString);
        assertEquals(crossing - yaml.indexOf("  tags") + 1, p.column(), p::toString);
        assertTrue(p.message().contains("aliases here repeat more than 100000 nodes"), p::toString);
    }

    /** Item 3: merge keys repeat what they name, so they count towards the same bound. */
    @Test
    void mergeKeyDoublingIsRefusedToo() {
        StringBuilder yaml = new StringBuilder("project: risk\nshared:\n  m0: &m0 { a: 1, b: 2 }\n");
        for (int i = 1; i < 25; i++) {
            yaml.append("  m").append(i).append(": &m").append(i).append(" { <<: *m").append(i - 1)
                    .append(", k").append(i).append(": *m").append(i - 1).append(" }\n");
        }
        SpecProblem p = problems(yaml + FLOW + "          {}\n").get(0);
        assertTrue(p.message().contains("aliases here repeat more than"), p::toString);
        assertTrue(p.line() > 3 && p.line() < 28, p::toString);
    }

    /** Item 4: a backtracking engine takes exponential time on this pattern and default. */
    @Test
    void catastrophicPatternIsMatchedInLinearTime() {
        String yaml = "project: risk\ntypes:\n  t: { base: string, pattern: '^(.*a){20}$' }\n" + FLOW
                + "          x: { type: t, default: '" + "a".repeat(34) + "!' }\n";
        SpecProblem p = only(problems(yaml));
        assertEquals("default of input 'x' of version 'f@v1' does not match the pattern ^(.*a){20}$ of type t.", p.message());
        assertEquals(10, p.line());
    }

    /** Item 4: RE2 has no backreferences or lookaround, and expanding nested counts is bounded. */
    @Test
    void patternsRe2CannotRunAreValidationErrorsWithPositions() {
        SpecProblem backreference = only(problems("project: risk\ntypes:\n  t: { base: string, pattern: '(a|b)\\1' }\n" + FLOW + "          {}\n"));
        assertEquals(3, backreference.line());
        assertEquals(31, backreference.column());
        assertEquals("pattern of type 't' is not a valid regular expression: invalid escape sequence: `\\1` (flows.yaml"
                + " patterns use RE2 syntax: no backreferences, lookahead or lookbehind).", backreference.message());
        SpecProblem lookahead = only(problems("project: risk\ntypes:\n  t: { base: string, pattern: '(?=a)b' }\n" + FLOW + "          {}\n"));
        assertTrue(lookahead.message().contains("RE2 syntax"), lookahead::toString);
        SpecProblem nested = only(problems("project: risk\ntypes:\n  t: { base: string, pattern: '((a{1000}){1000}){1000}' }\n"
                + FLOW + "          {}\n"));
        assertTrue(nested.message().contains("expands to more than 10000 elements"), nested::toString);
        SpecProblem tooLong = only(problems("project: risk\ntypes:\n  t: { base: string, pattern: '" + "a".repeat(1_001) + "' }\n"
                + FLOW + "          {}\n"));
        assertTrue(tooLong.message().contains("is 1001 characters long, above the limit of 1000"), tooLong::toString);
    }

    /** Item 5: long unknown type names against many long declared names took minutes. */
    @Test
    void didYouMeanIsBounded() {
        StringBuilder yaml = new StringBuilder("project: risk\ntypes:\n");
        String longName = "t".repeat(60_000);
        for (int i = 0; i < 2_000; i++) yaml.append("  n").append(i).append("_").append("x".repeat(60)).append(": { base: string }\n");
        // YAML keys are at most 1024 characters long; values up to the line limit.
        for (int i = 0; i < 1_000; i++) yaml.append("  ").append("t".repeat(1_000)).append(i).append(": { base: string }\n");
        yaml.append(FLOW);
        for (int i = 0; i < 4; i++) yaml.append("          i").append(i).append(": { type: ").append(longName).append("q").append(i).append(" }\n");
        for (int i = 0; i < 200; i++) yaml.append("          k").append(i).append(": { type: ").append("t".repeat(1_000)).append("q").append(i).append(" }\n");
        for (int i = 0; i < 2_000; i++) {
            if (i % 500 == 0) yaml.append("      v").append(i / 500 + 2).append(":\n        inputs:\n"); // at most 1000 inputs a version
            yaml.append("          j").append(i).append(": { type: n").append(i).append("_").append("x".repeat(59)).append("y }\n");
        }
        yaml.append("          near: { type: strng }\n");
        List<SpecProblem> problems = problems(yaml.toString());
        assertTrue(problems.stream().anyMatch(p -> p.message().endsWith("is invalid: unknown type 'strng'; did you mean 'string'?")),
                () -> "a short misspelling still gets its suggestion: " + problems.stream().filter(p -> p.message().contains("strng")).toList());
    }

    /** Item 13: apply failed on this with "schema could not be serialised"; validate and plan passed it. */
    @Test
    void deeplyNestedTypesAreRefusedWithTheLimit() {
        String deep = "list<".repeat(1_200) + "int" + ">".repeat(1_200);
        SpecProblem p = only(problems("project: risk\n" + FLOW + "          x: { type: '" + deep + "' }\n"));
        assertEquals(8, p.line());
        assertTrue(p.message().endsWith("is invalid: lists, maps and structs nest at most 32 levels deep."), p::toString);
        String ok = "list<".repeat(32) + "int" + ">".repeat(32);
        SpecParser.parse(file, "project: risk\n" + FLOW + "          x: { type: '" + ok + "' }\n");
        String mixed = "map<string," + "list<".repeat(30) + "struct" + ">".repeat(30) + ">";
        SpecProblem structs = only(problems("project: risk\n" + FLOW + "          x: { type: '" + mixed
                + "', fields: { a: { type: 'list<int>' } } }\n"));
        assertTrue(structs.message().contains("nest at most 32 levels deep"), structs::toString);
    }

    /** Item 13: a 20-million-character description (a block scalar, so no line is too long). */
    @Test
    void hugeValuesAreRefusedWithTheLimit() {
        String line = "      " + "d".repeat(1_000) + "\n";
        String yaml = "project: risk\nflows:\n  f:\n    source: flow.py\n    description: |\n" + line.repeat(20_000)
                + "    versions:\n      v1: {}\n";
        SpecProblem p = only(problems(yaml));
        assertEquals(5, p.line(), p::toString);
        assertEquals(18, p.column(), p::toString);
        assertTrue(p.message().contains("characters is longer than the limit of 65536"), p::toString);
    }

    /** Item 13: inputs per version, enum values and struct fields are bounded. */
    @Test
    void countsAreBounded() {
        StringBuilder many = new StringBuilder("project: risk\n" + FLOW);
        for (int i = 0; i < 1_001; i++) many.append("          i").append(i).append(": { type: int }\n");
        SpecProblem inputs = only(problems(many.toString()));
        assertEquals(8, inputs.line());
        assertEquals("version 'f@v1' has 1001 inputs, above the limit of 1000; group related inputs into structs.", inputs.message());
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 1_001; i++) values.append(i == 0 ? "" : ", ").append("v").append(i);
        SpecProblem enums = only(problems("project: risk\n" + FLOW + "          e: { type: enum, values: [" + values + "] }\n"));
        assertTrue(enums.message().contains("lists 1001 values, above the limit of 1000"), enums::toString);
    }
}
