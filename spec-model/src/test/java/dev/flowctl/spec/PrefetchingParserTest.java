package dev.flowctl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/** A large flows.yaml is tokenized on a second thread; it must read exactly as on one. */
class PrefetchingParserTest {
    @TempDir
    Path dir;

    private static Parser snakeyaml(String text) {
        return new ParserImpl(new StreamReader(new StringReader(text)), new LoaderOptions());
    }

    /** Many more events than one batch, so batches and the bounded queue are crossed. */
    private static String largeYaml() {
        StringBuilder text = new StringBuilder("project: big\nflows:\n");
        for (int f = 0; f < 400; f++) {
            text.append("  flow_").append(f).append(":\n    versions:\n      v1:\n        source: flow.py\n        inputs:\n");
            for (int i = 0; i < 5; i++) text.append("          in_").append(i).append(": { type: int, default: ").append(i).append(" }\n");
        }
        return text.toString();
    }

    @Test
    void handsOverTheSameEventsInTheSameOrder() {
        String text = largeYaml();
        List<String> expected = new ArrayList<>();
        Parser direct = snakeyaml(text);
        for (Event e = direct.getEvent(); e != null; e = direct.peekEvent() == null ? null : direct.getEvent()) {
            expected.add(e + "@" + e.getStartMark().getLine() + ":" + e.getStartMark().getColumn());
        }
        List<String> actual = new ArrayList<>();
        try (PrefetchingParser prefetching = new PrefetchingParser(snakeyaml(text))) {
            while (prefetching.peekEvent() != null) {
                assertTrue(prefetching.checkEvent(prefetching.peekEvent().getEventId()));
                Event e = prefetching.getEvent();
                actual.add(e + "@" + e.getStartMark().getLine() + ":" + e.getStartMark().getColumn());
            }
            assertFalse(prefetching.checkEvent(Event.ID.StreamEnd), "nothing after the end of the stream");
            assertNull(prefetching.getEvent());
        }
        assertTrue(expected.size() > 10_000, "the document spans many batches");
        assertEquals(expected, actual);
    }

    @Test
    void raisesAParseErrorAfterTheEventsBeforeIt() {
        String text = largeYaml() + "  broken: [unclosed\n";
        try (PrefetchingParser prefetching = new PrefetchingParser(snakeyaml(text))) {
            int events = 0;
            MarkedYAMLException error = null;
            try {
                while (prefetching.getEvent() != null) events++;
            } catch (MarkedYAMLException e) {
                error = e;
            }
            assertTrue(events > 10_000, "every event before the error arrives first, got " + events);
            assertEquals(text.split("\n").length, error.getProblemMark().getLine(), error.getMessage());
        }
    }

    @Test
    void closingEarlyReleasesTheProducer() throws InterruptedException {
        PrefetchingParser prefetching = new PrefetchingParser(snakeyaml(largeYaml()));
        prefetching.getEvent();
        prefetching.close();
        for (int i = 0; i < 100 && producerAlive(); i++) Thread.sleep(10);
        assertFalse(producerAlive(), "the producer thread stops once the reader closes");
    }

    private static boolean producerAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("flowctl-yaml-scanner") && t.isAlive());
    }

    @Test
    void aLargeSpecReadsWithItsErrorsPositioned() throws IOException {
        Files.writeString(dir.resolve("flow.py"), "print(1)\n");
        String text = largeYaml().replace("in_3: { type: int, default: 3 }", "in_3: { type: int, default: three }");
        String padded = text + "# padding\n".repeat(NodeComposer.PREFETCH_FROM_CHARS / 10);
        assertTrue(padded.length() >= NodeComposer.PREFETCH_FROM_CHARS, "large enough to be tokenized on a second thread");
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(dir.resolve("flows.yaml"), padded));
        assertEquals(400, e.problems().size(), e.getMessage());
        assertEquals(11, e.problems().get(0).line()); // flow_0.v1 in_3, as on one thread
        assertTrue(e.problems().get(0).message().contains("three"), e.problems().get(0).message());
    }
}
