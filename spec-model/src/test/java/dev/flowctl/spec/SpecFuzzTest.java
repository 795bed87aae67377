package dev.flowctl.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer over flows.yaml, as an attacker would write it in a pull request:
 * valid specs are truncated, spliced, retyped and sprinkled with YAML syntax, and given the
 * shapes that once hung flowctl (alias doubling, deep type nesting, long unknown names,
 * pathological patterns, huge values, too many inputs). Every mutant must end in a valid spec
 * or in positioned problems, never in an unhandled exception, and must finish within
 * {@link #CASE_BOUND}: a case that does not fails the build naming the mutant, whose text is
 * written to target/ to reproduce it. The run is deterministic (one seed), so a failure repeats.
 * The slowest case's time is printed, so a creeping slowdown is visible before it becomes a hang.
 */
class SpecFuzzTest {
    private static final long SEED = 0x14_2024L;
    private static final int MUTANTS = 3_000;
    /** A hang guard, not a performance assertion: every case takes milliseconds. */
    private static final long CASE_BOUND_SECONDS = 5;
    private static final String CASE_BOUND = CASE_BOUND_SECONDS + " s";
    private static final Path DIR = tempDir();
    private static final Path FILE = DIR.resolve("flows.yaml");

    private static final String[] TYPES = {"string", "int", "float", "bool", "date", "timestamp", "list<string>",
        "map<string,int>", "list<list<float>>", "enum", "s3_path", "code", "struct", "blob", "strng", "list<", "map<int,int>"};
    private static final String[] VALUES = {"24", "'x'", "true", "2024-01-31", "[a, b]", "{a: 1}", "null", "fast", "-1.5e3",
        "''", "'s3://b/k'", "abc", "'" + "a".repeat(40) + "!'"};
    private static final String[] TOKENS = {":", "\t", "{", "[", "}", "]", "&a", "*a", "!!binary", "!!python/object:x", "'", "\"",
        "\u0000", "\uFEFF", "é", "\uD83D\uDE00", "- ", "\n  ", "\n", "%", "<<: ", "<<: *a", "|\n", ">-\n", "? ", "#", "---\n", "..."};
    private static final String[] PATTERNS = {"^(.*a){20}$", "(a+)+$", "(a|aa)*b", "((a{1000}){1000}){1000}", "(x+x+)+y",
        "(?=a)a", "(a)\\1", "[", "a{1001}", "(.*){1,1000}", "(((a{30}){30}){30})", "^[a-z]+$", "\\p{L}+", "(?i)abc", "*",
        "((((((((((a*)*)*)*)*)*)*)*)*)*)*b", "x".repeat(1_001)};

    /** Whole documents aimed at the YAML layer: alias fan-out, deep brackets, recursion, tags, several documents. */
    private static final String[] TRICKS = {
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
        "[".repeat(5_000) + "]".repeat(5_000),
        "project: risk\nflows:\n  x: " + "{a: ".repeat(2_000) + "1" + "}".repeat(2_000) + "\n",
        "&a [*a]",
        "project: !!python/object/apply:os.system ['echo pwned']\nflows: {}\n",
        "project: risk\nflows: {}\n---\nproject: other\n",
        "? [a, b]\n: c\n",
        "\uFEFFproject: ris\u0301k\nflows: {}\n",
        "project: risk\nflows:\n  \u0000: {}\n",
    };

    private record Mutant(int index, String operators, String text) {
        @Override
        public String toString() {
            return "mutant #" + index + " (seed " + SEED + ", " + operators + ", " + text.length() + " characters)";
        }
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("flowctl-fuzz");
            Files.writeString(dir.resolve("flow.py"), "print(1)\n");
            Files.createDirectories(dir.resolve(".git"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyMutantParsesOrFailsWithPositionsInBoundedTime() throws Exception {
        Random random = new Random(SEED);
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "spec-fuzz");
            t.setDaemon(true); // a case that hangs must not keep the test JVM alive
            return t;
        });
        Mutant slowest = null;
        long slowestNanos = -1;
        try {
            for (int i = 0; i < MUTANTS; i++) {
                Mutant m = mutant(random, i);
                long start = System.nanoTime();
                Future<?> run = worker.submit(() -> check(m));
                try {
                    run.get(CASE_BOUND_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    run.cancel(true);
                    fail(m + " did not finish within " + CASE_BOUND + "; its text is in " + keep(m));
                } catch (ExecutionException e) {
                    throw new AssertionError(m + " failed (text in " + keep(m) + "): " + e.getCause(), e.getCause());
                }
                long took = System.nanoTime() - start;
                if (took > slowestNanos) {
                    slowestNanos = took;
                    slowest = m;
                }
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.printf("SpecFuzzTest: %d mutants, seed %d; slowest %s took %d ms (bound %s)%n",
                MUTANTS, SEED, slowest, TimeUnit.NANOSECONDS.toMillis(slowestNanos), CASE_BOUND);
    }

    private static void check(Mutant m) {
        try {
            Spec spec = SpecParser.parse(FILE, m.text());
            assertTrue(Names.PROJECT.matcher(spec.project()).matches(), () -> m + ": a valid spec has a valid project name");
            spec.versions().forEach(v -> assertTrue(Names.VERSION.matcher(v.name()).matches(), () -> m + ": " + v.name()));
        } catch (SpecException e) {
            assertFalse(e.problems().isEmpty(), () -> m + ": a SpecException carries at least one problem");
            for (SpecProblem p : e.problems()) {
                assertTrue(p.line() >= 1 && p.column() >= 1, () -> m + ": bad position: " + p);
                assertFalse(p.message().isBlank(), () -> m + ": empty message at " + p);
                assertFalse(p.message().contains("Exception"), () -> m + ": leaked exception text: " + p);
            }
        }
    }

    private static Path keep(Mutant m) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "spec-fuzz"));
            return Files.writeString(dir.resolve("mutant-" + m.index() + ".yaml"), m.text()).toAbsolutePath();
        } catch (IOException e) {
            return Path.of("(not written: " + e.getMessage() + ")");
        }
    }

    /** A valid spec, then one to three mutations; deterministic given the random's state. */
    private static Mutant mutant(Random r, int index) {
        String text = valid(r);
        List<String> names = new ArrayList<>();
        int count = 1 + r.nextInt(3);
        for (int k = 0; k < count; k++) {
            int op = r.nextInt(OPERATORS.size());
            names.add(OPERATOR_NAMES.get(op));
            text = OPERATORS.get(op).apply(r, text);
        }
        return new Mutant(index, String.join("+", names), text);
    }

    private static String valid(Random r) {
        StringBuilder y = new StringBuilder("project: risk\ncompatibility: ").append(pick(r, "backward", "full", "none", "forward"))
                .append("\nengine: { type: local, tags: { team: a } }\ntypes:\n  s3_path: { base: string, pattern: '^s3://.*' }\n"
                        + "  code: { base: string, pattern: '[a-z]+' }\n  ratio: { base: float, min: 0, max: 1 }\nflows:\n");
        int flows = 1 + r.nextInt(3);
        for (int f = 0; f < flows; f++) {
            y.append("  ").append(name(r)).append(":\n    source: flow.py\n    description: a flow\n    versions:\n");
            int versions = 1 + r.nextInt(2);
            for (int v = 0; v < versions; v++) {
                y.append("      v").append(v + 1).append(":\n        inputs:\n");
                int inputs = r.nextInt(5);
                if (inputs == 0) y.append("          {}\n");
                for (int i = 0; i < inputs; i++) {
                    String type = pick(r, TYPES);
                    y.append("          ").append(name(r)).append(i).append(": { type: '").append(type).append("'");
                    if (type.equals("enum")) y.append(", values: [fast, full]");
                    if (type.equals("struct")) y.append(", fields: { a: { type: int } }");
                    if (r.nextBoolean()) y.append(", default: ").append(pick(r, VALUES));
                    else if (r.nextInt(4) == 0) y.append(", required: true");
                    y.append(" }\n");
                }
            }
        }
        return y.toString();
    }

    private static final List<String> OPERATOR_NAMES = new ArrayList<>();
    private static final List<BiFunction<Random, String, String>> OPERATORS = new ArrayList<>();

    private static void operator(String name, BiFunction<Random, String, String> op) {
        OPERATOR_NAMES.add(name);
        OPERATORS.add(op);
    }

    static {
        operator("truncate", (r, t) -> t.substring(0, r.nextInt(t.length() + 1)));
        operator("insert-token", (r, t) -> insert(r, t, pick(r, TOKENS)));
        operator("delete-range", (r, t) -> {
            int a = r.nextInt(t.length() + 1);
            int b = r.nextInt(t.length() + 1);
            return t.substring(0, Math.min(a, b)) + t.substring(Math.max(a, b));
        });
        operator("duplicate-range", (r, t) -> {
            int a = r.nextInt(t.length() + 1);
            int b = Math.min(t.length(), a + r.nextInt(200));
            return insert(r, t, t.substring(a, b));
        });
        operator("retype", (r, t) -> first(t, "type: '[^']*'", "type: '" + pick(r, TYPES) + "'"));
        operator("long-run", (r, t) -> insert(r, t, "x".repeat(1 + r.nextInt(r.nextBoolean() ? 100 : 70_000))));
        operator("alias-doubling", (r, t) -> {
            int levels = 5 + r.nextInt(46);
            String chain = "&a0 [x, x]";
            for (int i = 1; i < levels; i++) chain = "&a" + i + " [" + chain + ", *a" + (i - 1) + "]";
            return t.replace("tags: { team: a }", "tags: " + chain);
        });
        operator("merge-doubling", (r, t) -> {
            int levels = 3 + r.nextInt(23);
            StringBuilder m = new StringBuilder("\n    <<: &m0 { a: 1, b: 2 }\n    m0: *m0\n");
            for (int i = 1; i < levels; i++) {
                m.append("    m").append(i).append(": &m").append(i).append(" { <<: *m").append(i - 1).append(", k: *m").append(i - 1).append(" }\n");
            }
            return first(t, "(?m)^engine: \\{[^\\n]*\\}\\n", "engine:" + m + "    type: local\n");
        });
        operator("deep-type", (r, t) -> {
            int depth = 1 + r.nextInt(r.nextBoolean() ? 40 : 1_500);
            String wrap = r.nextBoolean() ? "list<" : "map<string,";
            return first(t, "type: '[^']*'", "type: '" + wrap.repeat(depth) + pick(r, "int", "code", "struct") + ">".repeat(depth) + "'");
        });
        operator("deep-yaml", (r, t) -> {
            int depth = 1 + r.nextInt(r.nextBoolean() ? 70 : 3_000);
            return t.replace("tags: { team: a }", "tags: " + "{a: ".repeat(depth) + "1" + "}".repeat(depth));
        });
        operator("long-names", (r, t) -> {
            int n = 1 + r.nextInt(6);
            String name = "t".repeat(1 + r.nextInt(r.nextBoolean() ? 100 : 20_000));
            String out = t;
            for (int i = 0; i < n; i++) out = first(out, "type: '[^']*'", "type: " + name + i);
            return out;
        });
        operator("many-types", (r, t) -> {
            StringBuilder types = new StringBuilder("types:\n");
            int n = 1 + r.nextInt(400);
            for (int i = 0; i < n; i++) types.append("  n").append(i).append('_').append("x".repeat(r.nextInt(60))).append(": { base: string }\n");
            return t.replace("types:\n", types.toString()).replaceAll("type: 'blob'", "type: n1_xxy");
        });
        operator("pattern", (r, t) -> first(t, "pattern: '[^']*'", "pattern: '" + pick(r, PATTERNS).replace("'", "''") + "'")
                .replaceFirst("type: '[^']*'", "type: s3_path, default: '" + "a".repeat(34) + "!'"));
        operator("huge-value", (r, t) -> {
            int lines = 1 + r.nextInt(r.nextBoolean() ? 10 : 140);
            return first(t, "description: a flow", "description: |\n" + ("      " + "d".repeat(500) + "\n").repeat(lines) + "   ");
        });
        operator("many-inputs", (r, t) -> {
            StringBuilder in = new StringBuilder("inputs:\n");
            int n = 990 + r.nextInt(20);
            for (int i = 0; i < n; i++) in.append("          i").append(i).append(": { type: int }\n");
            return first(t, "inputs:\n", in.toString());
        });
        operator("trick", (r, t) -> pick(r, TRICKS));
        operator("many-values", (r, t) -> {
            StringBuilder v = new StringBuilder();
            int n = 990 + r.nextInt(20);
            for (int i = 0; i < n; i++) v.append(i == 0 ? "" : ", ").append('v').append(i);
            return t.replace("values: [fast, full]", "values: [" + v + "]");
        });
    }

    /** {@code t} with the first match of {@code regex} replaced by {@code literal} taken as is ($ and \\ included). */
    private static String first(String t, String regex, String literal) {
        return t.replaceFirst(regex, java.util.regex.Matcher.quoteReplacement(literal));
    }

    private static String insert(Random r, String t, String s) {
        int at = r.nextInt(t.length() + 1);
        return t.substring(0, at) + s + t.substring(at);
    }

    private static String name(Random r) {
        int n = 1 + r.nextInt(8);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) s.append((char) ('a' + r.nextInt(26)));
        return s.toString();
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }
}
