package dev.flowctl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * The quick parser must be indistinguishable from SnakeYAML's: the same events with the same
 * marks, and the same error at the same place, whether it reads a document itself or hands it over.
 */
class QuickYamlParserTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** What a reader can see of the events: each node's kind, value, style and start; then any error. */
    private static List<String> events(Parser parser) {
        List<String> out = new ArrayList<>();
        try {
            for (Event e = parser.getEvent(); e != null; e = parser.getEvent()) {
                out.add(describe(e));
                if (e.is(Event.ID.StreamEnd)) break;
            }
        } catch (YAMLException e) {
            out.add("error " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return out;
    }

    private static String describe(Event e) {
        StringBuilder s = new StringBuilder(e.getEventId().toString());
        if (e instanceof NodeEvent n) {
            Mark m = e.getStartMark();
            s.append(" at ").append(m.getLine()).append(':').append(m.getColumn()).append('#').append(m.getIndex())
                    .append(" anchor=").append(n.getAnchor());
        }
        if (e instanceof ScalarEvent sc) {
            s.append(" tag=").append(sc.getTag()).append(" implicit=").append(sc.getImplicit().canOmitTagInPlainScalar())
                    .append('/').append(sc.getImplicit().canOmitTagInNonPlainScalar()).append(" style=").append(sc.getScalarStyle())
                    .append(" value=[").append(sc.getValue()).append(']');
        }
        if (e instanceof CollectionStartEvent c) {
            s.append(" tag=").append(c.getTag()).append(" implicit=").append(c.getImplicit()).append(" flow=").append(c.getFlowStyle());
        }
        return s.toString();
    }

    private static List<String> snakeyaml(String text) {
        return events(new ParserImpl(new StreamReader(new StringReader(text)), options()));
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(SpecParser.MAX_CODE_POINTS);
        return options;
    }

    /** Whether the quick parser read all of it itself. */
    private static boolean assertSameAsSnakeYaml(String text) {
        Parser quick = QuickYamlParser.of(text, options());
        assertEquals(snakeyaml(text), events(quick), () -> "reading:\n" + text);
        return quick instanceof QuickYamlParser q && !q.handedOver();
    }

    /** Every YAML file in the repository: specs, examples, fixtures, CI templates. */
    static Stream<Path> repositoryYaml() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            List<Path> yaml = files.filter(p -> {
                String rel = ROOT.relativize(p).toString();
                String name = p.getFileName().toString();
                return !rel.contains("target/") && !rel.contains("node_modules") && !rel.startsWith(".git/") && !rel.startsWith("bench/out")
                        && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".yaml.example"));
            }).toList();
            assertTrue(yaml.size() > 20, "the repository's YAML files: " + yaml);
            return yaml.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("repositoryYaml")
    void readsEveryYamlFileInTheRepositoryAsSnakeYamlDoes(Path file) throws IOException {
        assertSameAsSnakeYaml(Files.readString(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a: 1\n",
        "a: 1",
        "a:\n",
        "a:",
        "a:\nb: 2\n",
        "a:\n  b:\n    c: x\n  d: y\ne: z\n",
        "a:\n- x\n- y\nb: 1\n",
        "a:\n  - x\n  - 'y'\n  - \"z\"\nb:\n",
        "a:\n- k: 1\n  l: 2\n- k: 3\n",
        "a:\n  - k: 1\n    l:\n      m: 2\n  - n\n",
        "- a\n- b\n",
        "a: [x, y, 'z', \"w\", [1, 2], {k: v}]\n",
        "a: { type: int, default: 1, values: [fast, full] }   # comment\n",
        "a: {}\nb: []\nc: [ ]\nd: { }\n",
        "a: [x,]\n",
        "a: {k: }\n",
        "a: {k}\n",
        "a: {k:v}\n",
        "a: [k: v]\n",
        "a: ['k': v]\n",
        "a: [x\n  , y]\n",
        "'quoted key': 1\n\"other\": 2\n",
        "a: 'it''s'\nb: ''''\nc: ''\nd: \"\"\n",
        "a: \"esc\\n\"\n",
        "a: s3://bucket/path:with#hash and a:colon\n",
        "a: value # comment\nb: value#not\n",
        "a: -1\nb: - x\n",
        "a: x: y\n",
        "a: x:\n",
        "a b c: value with spaces   \n",
        "a : 1\n",
        "a: 1\n  b: 2\n",
        "a: plain\n  continued\n",
        "a:\n  plain on next line\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: |\n  literal\n",
        "a: >\n  folded\n",
        "---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\n...\n",
        "%YAML 1.1\n---\na: 1\n",
        "# only a comment\n",
        "",
        "\n\n",
        "a:\n\tb: 1\n",
        "a: 1\r\nb: 2\r\n",
        "a:\r\n  b: 'x' # c\r\n  c: [1, 2]\r\n",
        "a: 1\rb: 2\r",
        "a: 1\r\n\r\n",
        "a: x\r\n  continued\r\n",
        "a: é — ü\nb: \"日本\"\n",
        "a:\n  b: 1\n c: 2\n",
        "a:\n  - x\n  b: 1\n",
        "a: 1\na: 2\n",
        "? a\n: 1\n",
        "a: [1, 2]: 3\n",
        "[a]: 1\n",
        "a: 'unterminated\n",
        "a: \"unterminated\n",
        "a: [unterminated\n",
        "a: 1 ]\n",
        "a: 'x' y\n",
        "a: 'x'# c\n",
        "-: 1\n-a: 2\n",
        "a:\n-\n  b\n",
        "a:\n- - x\n",
        "<<: {a: 1}\nb: 2\n",
        "a: ~\nb: null\nc: true\nd: 0x1F\ne: 1_000\nf: .5\n",
        "a:    \n  b: 1\n",
        "a: # comment\n  b: 1\n",
        "a:\n\n  # comment\n\n  b: 1\n",
        "  a: 1\n",
        "a: @x\n",
        "a: `x`\n",
        "a: ?x\nb: :x\n",
        "a: { b: 'c', d: [e, \"f\"] , g: {h: i} }\n",
        "a: [ 'x' , y ]\n",
        "a: {b: c}x\n",
        "a:\n  - [x, y]\n  - {k: v}\n",
    })
    void readsTrickyDocumentsAsSnakeYamlDoes(String text) {
        assertSameAsSnakeYaml(text);
    }

    @Test
    void readsTheExampleAndALargeGeneratedSpecItself() throws IOException {
        String example = Files.readString(ROOT.resolve("flows.yaml.example"));
        for (String text : List.of(example, generatedSpec(200), example.replace("\n", "\r\n"))) {
            QuickYamlParser parser = (QuickYamlParser) QuickYamlParser.of(text, options());
            assertEquals(snakeyaml(text), events(parser));
            assertFalse(parser.handedOver(), "the subset covers the specs flowctl writes and ships");
        }
    }

    @Test
    void handsOverForWhatItDoesNotRead() {
        QuickYamlParser parser = (QuickYamlParser) QuickYamlParser.of("a: 1\nb: &x 2\nc: *x\n", options());
        assertEquals(snakeyaml("a: 1\nb: &x 2\nc: *x\n"), events(parser));
        assertTrue(parser.handedOver());
    }

    /**
     * Thousands of small edits to real specs (a character inserted, deleted or replaced, a line
     * indented differently), each read by both parsers: valid or not, the results must agree.
     */
    @Test
    void agreesWithSnakeYamlOnMutatedSpecs() throws IOException {
        String[] pieces = {":", ": ", " ", "  ", "#", " #", "-", "- ", "'", "\"", "''", "[", "]", "{", "}", ",", ", ", "\n", "\n  ",
            "&a ", "*a", "!", "|", ">", "?", "%", "@", "x", "1", "é", "\\", "\t", "\r", "\r\n", "---\n", "k: v", "[a, b]", "{k: v}"};
        String example = Files.readString(ROOT.resolve("flows.yaml.example"));
        List<String> bases = List.of(example, generatedSpec(3), example.replace("\n", "\r\n"));
        Random random = new Random(20261204);
        int readQuickly = 0;
        for (int round = 0; round < 6000; round++) {
            String base = bases.get(round % bases.size());
            StringBuilder text = new StringBuilder(base);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(4)) {
                    case 0 -> text.insert(at, pieces[random.nextInt(pieces.length)]);
                    case 1 -> text.deleteCharAt(at);
                    case 2 -> text.replace(at, at + 1, pieces[random.nextInt(pieces.length)]);
                    default -> {
                        int lineStart = text.lastIndexOf("\n", at) + 1;
                        if (random.nextBoolean()) text.insert(lineStart, random.nextBoolean() ? " " : "  ");
                        else if (text.length() > lineStart && text.charAt(lineStart) == ' ') text.deleteCharAt(lineStart);
                    }
                }
            }
            if (assertSameAsSnakeYaml(text.toString())) readQuickly++;
        }
        // Most edits keep the text inside the subset, so the comparison tests the quick parser, not SnakeYAML twice.
        assertTrue(readQuickly > 1000, readQuickly + " of 6000 mutated specs read without SnakeYAML");
    }

    /** The shape bench/plan generates: flows of versions of inputs in flow mappings. */
    private static String generatedSpec(int flows) {
        StringBuilder s = new StringBuilder("project: bench\ncompatibility: backward\ntypes:\n"
                + "  s3_path: { base: string, pattern: '^s3://[a-z0-9.-]{3,63}/.*$' }\nflows:\n");
        for (int f = 0; f < flows; f++) {
            s.append("  flow_").append(f).append(":\n    owner: team_").append(f).append("\n    versions:\n");
            for (int v = 1; v <= 3; v++) {
                s.append("      v").append(v).append(":\n        source: flows/flow_").append(f).append("_v").append(v).append(".py\n        inputs:\n");
                s.append("          input_0: { type: 'string', required: true, description: Input number 0 }\n");
                s.append("          input_1: { type: 'int', default: 1 }\n");
                s.append("          input_2: { type: 'list<string>', description: Input number 2 }\n");
                s.append("          input_3: { type: 'map<string,int>', required: true }\n");
                s.append("          mode: { type: enum, values: [fast, full], default: fast }\n");
            }
        }
        return s.toString();
    }
}
