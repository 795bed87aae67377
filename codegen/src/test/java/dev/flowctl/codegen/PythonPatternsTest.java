package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.google.re2j.Pattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RE2 patterns as Python's re: each translation matches, under fullmatch and re.ASCII, exactly the
 * strings RE2/J's matches() does (run by the machine's python3 over a table of patterns and texts
 * chosen where the two dialects differ), and what re cannot match the same way is refused by name.
 */
class PythonPatternsTest {
    private static final ObjectMapper M = new ObjectMapper();

    private static final List<String> PATTERNS = List.of("^s3://[a-z0-9.-]{3,63}/.*$", "a$", "\\d+", "\\w+", "\\s", "[\\s-]+", "\\S+",
            "a\\z", "[[:alpha:]]+[[:digit:]]", "\\x{41}b", "(?<n>x)y", "\\Q.*\\E", "a{,2}", "x{2}", "(?i)abc", "a(?i:b)c", "[]a]+", "[a&&b]",
            "\\bfoo\\b", "[^\\d]");
    private static final List<String> TEXTS = List.of("s3://bucket/x", "s3://bucket/x\n", "a", "a\n", "12", "\u0661\u0662", "ab_1", "\u00e9",
            " ", "\u000b", "\t-\n", "aB3", "Ab", "x", "xy", ".*", "a{,2}", "aa", "xx", "ABC", "aBc", "]a]", "&", "foo", "1", "b");

    @Test
    void translationsMatchWhatRe2Matches() throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            assumeTrue(probe.waitFor() == 0, "python3 is not on the PATH: pattern translations are not run here");
        } catch (java.io.IOException e) {
            assumeTrue(false, "python3 is not on the PATH: pattern translations are not run here");
        }
        ArrayNode table = M.createArrayNode();
        List<Boolean> expected = new ArrayList<>();
        for (String p : PATTERNS) {
            Pattern re2 = Pattern.compile(p);
            String python = PythonPatterns.translate(p, "test");
            for (String t : TEXTS) {
                table.addArray().add(python).add(t);
                expected.add(re2.matches(t));
            }
        }
        String code = "import json, re, sys\nprint(json.dumps([re.compile(p, re.ASCII).fullmatch(t) is not None for p, t in json.load(sys.stdin)]))";
        Process p = new ProcessBuilder("python3", "-W", "error", "-c", code).redirectErrorStream(true).start();
        p.getOutputStream().write(M.writeValueAsBytes(table));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        List<Boolean> got = new ArrayList<>();
        M.readTree(out).forEach(b -> got.add(b.booleanValue()));
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), got.get(i), "pattern " + PATTERNS.get(i / TEXTS.size()) + " on " + M.writeValueAsString(TEXTS.get(i % TEXTS.size())));
        }
    }

    @Test
    void whatReCannotMatchTheSameWayIsRefusedByName() {
        for (String p : List.of("\\pL+", "\\p{Greek}", "(?U)a+", "a(?i)b", "[\\S]", "\\C", "[[:^alpha:]]")) {
            CodegenException e = assertThrows(CodegenException.class, () -> PythonPatterns.translate(p, "scores@v1 input 'code'"), p);
            assertTrue(e.getMessage().startsWith("scores@v1 input 'code' has a pattern that uses "), e.getMessage());
            assertTrue(e.getMessage().endsWith("or generate without --lang python."), e.getMessage());
        }
    }

    /** Python's re backtracks: what RE2 matches in linear time may take it exponential time. */
    @Test
    void nestedUnboundedRepetitionIsRefusedAndTheRestAccepted() {
        for (String p : List.of("(a+)+", "(a*)*b", "((ab)*c)*", "(?:x+y?)+", "(a+){2,}", "(?P<n>(a|b+))*")) {
            CodegenException e = assertThrows(CodegenException.class, () -> PythonPatterns.translate(p, "scores@v1 input 'code'"), p);
            assertTrue(e.getMessage().startsWith("scores@v1 input 'code' has a pattern that repeats a group which itself repeats"), e.getMessage());
        }
        for (String p : List.of("(\\d+\\.){3}\\d+", "(a|b)*c", "[(a+)]+", "(a)+b*", "\\(a+\\)+", "(?i)(ab)+", "^s3://[a-z0-9.-]{3,63}/.*$",
                "a{,2}", "(x{1,5})+")) {
            PythonPatterns.translate(p, "test"); // accepted: no exception
        }
    }
}
