package dev.flowctl.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated and mutated flows.yaml documents (truncated, retyped, deeply nested, odd unicode,
 * huge scalars, alias tricks) always end in a valid spec or positioned problems, never in an
 * unhandled exception.
 */
class SpecFuzzTest {
    private static final Path DIR = tempDir();
    private static final Path FILE = DIR.resolve("flows.yaml");

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

    @Property(tries = 10_000)
    void everyDocumentParsesOrFailsWithPositions(@ForAll("documents") String yaml) {
        try {
            Spec spec = SpecParser.parse(FILE, yaml);
            assertTrue(Names.PROJECT.matcher(spec.project()).matches(), "a valid spec has a valid project name");
            spec.versions().forEach(v -> assertTrue(Names.VERSION.matcher(v.name()).matches(), v.name()));
        } catch (SpecException e) {
            assertFalse(e.problems().isEmpty(), "a SpecException carries at least one problem");
            for (SpecProblem p : e.problems()) {
                assertTrue(p.line() >= 1 && p.column() >= 1, () -> "bad position: " + p);
                assertFalse(p.message().isBlank(), () -> "empty message at " + p);
                assertFalse(p.message().contains("Exception"), () -> "leaked exception text: " + p);
            }
        }
    }

    @Provide
    Arbitrary<String> documents() {
        return Arbitraries.oneOf(valid(), valid().flatMap(SpecFuzzTest::mutate), tricks());
    }

    private static Arbitrary<String> valid() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> type = Arbitraries.of("string", "int", "float", "bool", "date", "timestamp",
                "list<string>", "map<string,int>", "list<list<float>>", "enum", "s3_path", "struct", "blob");
        Arbitrary<String> value = Arbitraries.of("24", "'x'", "true", "2024-01-31", "[a, b]", "{a: 1}", "null", "fast", "-1.5e3", "''");
        Arbitrary<String> input = Combinators.combine(name, type, Arbitraries.of(true, false), value, Arbitraries.of(true, false))
                .as((n, t, req, v, withDefault) -> "          " + n + ": { type: '" + t + "'"
                        + (t.equals("enum") ? ", values: [fast, full]" : "")
                        + (t.equals("struct") ? ", fields: { a: { type: int } }" : "")
                        + (req ? ", required: true" : "") + (withDefault ? ", default: " + v : "") + " }\n");
        Arbitrary<String> inputs = input.list().ofMaxSize(6).map(l -> String.join("", l));
        Arbitrary<String> version = Combinators.combine(Arbitraries.of("v1", "v2", "v10", "V3", "1.0"), inputs)
                .as((v, in) -> "      " + v + ":\n        inputs:\n" + (in.isEmpty() ? "          {}\n" : in));
        Arbitrary<String> flow = Combinators.combine(name, version.list().ofMinSize(1).ofMaxSize(3))
                .as((n, vs) -> "  " + n + ":\n    source: flow.py\n    versions:\n" + String.join("", vs));
        return Combinators.combine(Arbitraries.of("backward", "full", "none", "sideways"), flow.list().ofMinSize(1).ofMaxSize(4))
                .as((mode, flows) -> "project: risk\ncompatibility: " + mode + "\ntypes:\n  s3_path: { base: string, pattern: '^s3://.*' }\nflows:\n"
                        + String.join("", flows));
    }

    private static Arbitrary<String> mutate(String doc) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, doc.length());
        return Arbitraries.oneOf(
                at.map(i -> doc.substring(0, i)),
                Combinators.combine(at, Arbitraries.of(":", "\t", "{", "[", "&a", "*a", "!!binary", "'", "\"", "\u0000", "\uFEFF", "é", "\uD83D\uDE00", "- ", "\n  ", "%"))
                        .as((i, s) -> doc.substring(0, i) + s + doc.substring(i)),
                Combinators.combine(at, at).as((i, j) -> doc.substring(0, Math.min(i, j)) + doc.substring(Math.max(i, j))),
                at.map(i -> doc.substring(0, i) + "x".repeat(5_000) + doc.substring(i)),
                Arbitraries.just(doc.replace("flows:", "flows: &f").replace("source:", "src:")));
    }

    private static Arbitrary<String> tricks() {
        return Arbitraries.of(List.of(
                "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                        + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
                "[".repeat(5_000) + "]".repeat(5_000),
                "project: risk\nflows:\n" + "  ".repeat(1) + "x: " + "{a: ".repeat(2_000) + "1" + "}".repeat(2_000) + "\n",
                "&a [*a]",
                "project: !!python/object/apply:os.system ['echo pwned']\nflows: {}\n",
                "project: risk\nflows: {}\n---\nproject: other\n",
                "? [a, b]\n: c\n",
                "project: risk\nflows:\n  x:\n    source: flow.py\n    versions:\n      v1:\n        inputs:\n          a: { type: '" + "list<".repeat(300) + "int" + ">".repeat(300) + "' }\n",
                "\uFEFFproject: ris\u0301k\nflows: {}\n",
                "project: risk\nflows:\n  \u0000: {}\n"));
    }
}
