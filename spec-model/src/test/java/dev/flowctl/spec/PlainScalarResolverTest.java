package dev.flowctl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

class PlainScalarResolverTest {
    /** A scalar's type decides what a default or setting means (true, 1, null, <<): it must stay SnakeYAML's YAML 1.1 answer. */
    @Test
    void resolvesEveryScalarAsSnakeYamlDoes() throws Exception {
        List<String> values = new ArrayList<>(List.of("", " ", "  ", "\t", " x", "\u00a0", "~", "null", "Null", "NULL", "nULL", "true", "True", "TRUE", "tRUE",
                "yes", "Yes", "no", "NO", "on", "Off", "y", "n", "false", "False", "<<", "<", "0", "-1", "+1", "1_000", "0x1F",
                "0o17", "017", "0b101", "1:30", "190:20:30", "1.0", ".5", "-.inf", ".NaN", "1e10", "6.8523015e+5", "1.", "+.5E-3",
                "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2002-1-1", "flows", "fast", "full",
                "float", "type", "tags", "owner", "name", "north", "string", "s3://bucket/key", "é", "日本", "__x", "1abc",
                "-", "+", ".", "-x", "9" + "9".repeat(70), "true".repeat(20), "n".repeat(65), "\0"));
        // Every word of the example spec, as its scalars come.
        for (String line : Files.readAllLines(Path.of("../flows.yaml.example"))) {
            for (String word : line.split("[\\s:,\\[\\]{}#]+")) values.add(word);
        }
        Resolver standard = new Resolver();
        PlainScalarResolver fast = new PlainScalarResolver();
        for (int round = 0; round < 2; round++) { // the second round answers from the memo
            for (String v : values) {
                for (boolean implicit : new boolean[] {true, false}) {
                    assertEquals(standard.resolve(NodeId.scalar, v, implicit), fast.resolve(NodeId.scalar, v, implicit), "'" + v + "'");
                }
            }
        }
        assertEquals(standard.resolve(NodeId.mapping, "x", true), fast.resolve(NodeId.mapping, "x", true));
        assertEquals(standard.resolve(NodeId.sequence, "x", true), fast.resolve(NodeId.sequence, "x", true));
    }
}
