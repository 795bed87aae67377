package dev.flowctl.spec;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.events.StreamStartEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * SnakeYAML's parser events for the YAML that flows.yaml is written in, read a line at a time by a
 * scanner that knows only that much ({@link QuickYamlLine} reads inside a line, this class the
 * block structure): block mappings and sequences indented with spaces, one-line
 * plain and quoted scalars, one-line flow collections ({@code { type: int, default: 1 }},
 * {@code [fast, full]}) and comments. Tokenizing with SnakeYAML's general scanner was most of the
 * time a large spec took to read (bench/plan).
 *
 * <p>Whatever lies outside that subset (anchors, tags, block scalars, multi-line scalars, tabs,
 * {@code ---}, an error) hands the whole text to SnakeYAML's own parser, which skips the events
 * already given out and goes on from there. Those events are the ones SnakeYAML makes, marks
 * included, so a reader cannot tell which of the two read a document, errors included:
 * QuickYamlParserTest compares both on every YAML file in the repository and on thousands of mutated
 * ones. A line's events are held back until the next line is read, because SnakeYAML looks that far
 * ahead and may find an error there before it gives them out.
 */
final class QuickYamlParser implements Parser {
    private static final int MAX_BLOCK_DEPTH = 64;
    private static final RuntimeException OUTSIDE = QuickYamlLine.OUTSIDE;

    private final String text;
    private final LoaderOptions options;
    /** Events SnakeYAML has been checked to make, ready to hand out. */
    private final ArrayDeque<Event> ready = new ArrayDeque<>();
    /** The last content line's events, handed out once the line after it is read. */
    private final ArrayDeque<Event> held = new ArrayDeque<>();
    private final QuickYamlLine line;
    /** SnakeYAML's parser, once the text has left the subset. */
    private Parser snakeyaml;
    private long delivered;

    /** The open block collections, innermost last: the column of their entries, and their kind. */
    private final int[] indents = new int[MAX_BLOCK_DEPTH];
    private final boolean[] sequence = new boolean[MAX_BLOCK_DEPTH];
    /** A sequence written at its key's column ({@code key:\n- a}), which ends at the next key there. */
    private final boolean[] indentless = new boolean[MAX_BLOCK_DEPTH];
    private int depth;

    /** Where the next line starts, and its number. */
    private int next;
    private int lineNumber;
    private boolean started;
    private boolean documentStarted;
    private boolean finished;
    /** Where the empty value of a key written with nothing after its ':' sits, until the next line tells. */
    private Mark pendingValue;
    /** After a value written on its line, a content line deeper than this would continue it: outside the subset. */
    private int continuationLimit = Integer.MAX_VALUE;

    private QuickYamlParser(String text, LoaderOptions options) {
        this.text = text;
        this.options = options;
        this.line = new QuickYamlLine(text, held);
    }

    /** A parser of {@code text}: this one when every character is one it reads, otherwise SnakeYAML's. */
    static Parser of(String text, LoaderOptions options) {
        return plainCharacters(text, options) ? new QuickYamlParser(text, options) : snakeyaml(text, options);
    }

    /** True when SnakeYAML has taken over (tests check the subset covers the specs flowctl ships). */
    boolean handedOver() {
        return snakeyaml != null;
    }

    private static Parser snakeyaml(String text, LoaderOptions options) {
        return new ParserImpl(new StreamReader(new StringReader(text)), options);
    }

    /**
     * No tab, control character, carriage return but in CRLF, surrogate, byte-order mark or Unicode
     * line break: then a character is a code point and a column, as SnakeYAML counts them, and only
     * '\n' (or "\r\n") ends a line.
     */
    private static boolean plainCharacters(String text, LoaderOptions options) {
        if (text.length() > options.getCodePointLimit()) return false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') continue; // CRLF: one line break, as SnakeYAML reads it
            if (c < 0x7F ? c < ' ' && c != '\n'
                    : c <= 0x9F || (c >= 0xD800 && c <= 0xDFFF) || c == 0x2028 || c == 0x2029 || c >= 0xFEFF) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        Event event = peekEvent();
        return event != null && event.is(choice);
    }

    @Override
    public Event peekEvent() {
        fill();
        return snakeyaml != null ? snakeyaml.peekEvent() : ready.peek();
    }

    @Override
    public Event getEvent() {
        fill();
        if (snakeyaml != null) return snakeyaml.getEvent();
        Event event = ready.poll();
        if (event != null) delivered++;
        return event;
    }

    private void fill() {
        while (snakeyaml == null && ready.isEmpty() && !finished) {
            try {
                step();
            } catch (RuntimeException outside) {
                if (outside != OUTSIDE) throw outside;
                handOver();
            }
        }
    }

    /** SnakeYAML reads the text from the start and goes on after the events already handed out. */
    private void handOver() {
        ready.clear();
        held.clear();
        snakeyaml = snakeyaml(text, options);
        for (long i = 0; i < delivered; i++) snakeyaml.getEvent();
    }

    /** Reads one line, or ends the stream. */
    private void step() {
        if (!started) {
            started = true;
            Mark m = QuickYamlLine.mark(0, 0, 0);
            ready.add(new StreamStartEvent(m, m));
            return;
        }
        if (next >= text.length()) {
            end();
            return;
        }
        int start = next;
        next = line.at(start, lineNumber++);
        int c = line.skipSpaces(start);
        if (line.endsAt(c) || text.charAt(c) == '#') return;
        int indent = line.column(c);
        if (indent == 0 && (text.startsWith("---", c) || text.startsWith("...", c) || text.charAt(c) == '%')) throw OUTSIDE;
        ready.addAll(held);
        held.clear();
        content(c, indent);
    }

    /** A content line: closes what it dedents out of, then reads its mapping entry or sequence item. */
    private void content(int c, int indent) {
        boolean dash = line.dash(c);
        if (!documentStarted) {
            if (indent != 0 || dash) throw OUTSIDE;
            documentStarted = true;
            Mark m = line.mark(c);
            held.add(new DocumentStartEvent(m, m, false, null, Map.of()));
            open(false, 0, m, false);
            entry(c);
            return;
        }
        if (pendingValue != null) {
            Mark empty = pendingValue;
            pendingValue = null;
            int keyColumn = indents[depth - 1];
            if (indent > keyColumn || (indent == keyColumn && dash)) {
                open(dash, indent, line.mark(c), indent == keyColumn);
                if (dash) item(c);
                else entry(c);
                return;
            }
            held.add(QuickYamlLine.empty(empty));
        } else if (indent > continuationLimit) {
            throw OUTSIDE;
        }
        while (depth > 0 && indents[depth - 1] > indent) close(line.mark(c));
        if (depth > 0 && indentless[depth - 1] && indents[depth - 1] == indent && !dash) close(line.mark(c));
        if (depth == 0 || indents[depth - 1] != indent || sequence[depth - 1] != dash) throw OUTSIDE;
        if (dash) item(c);
        else entry(c);
    }

    /** {@code key: value} or {@code key:} with its value on the lines below. */
    private void entry(int c) {
        int colon = line.key(c);
        if (colon < 0) throw OUTSIDE;
        line.addScalar(c);
        int v = line.skipSpaces(colon + 1);
        if (line.endsAt(v) || text.charAt(v) == '#') {
            pendingValue = line.mark(colon + 1);
            continuationLimit = Integer.MAX_VALUE;
            return;
        }
        valueToEnd(v);
    }

    /** {@code - value}, or {@code - key: value} opening a mapping in the item. */
    private void item(int c) {
        int v = line.skipSpaces(c + 1);
        if (line.endsAt(v) || text.charAt(v) == '#' || line.dash(v)) throw OUTSIDE;
        if (line.key(v) >= 0) {
            open(false, line.column(v), line.mark(v), false);
            entry(v);
            return;
        }
        valueToEnd(v);
    }

    /** A value to the line's end (a comment aside); a content line deeper than this collection's would continue it. */
    private void valueToEnd(int v) {
        line.rest(line.value(v));
        continuationLimit = indents[depth - 1];
    }

    private void open(boolean seq, int indent, Mark start, boolean atKeyColumn) {
        if (depth == MAX_BLOCK_DEPTH) throw OUTSIDE;
        indents[depth] = indent;
        sequence[depth] = seq;
        indentless[depth] = atKeyColumn;
        depth++;
        held.add(seq ? new SequenceStartEvent(null, null, true, start, start, FlowStyle.BLOCK)
                : new MappingStartEvent(null, null, true, start, start, FlowStyle.BLOCK));
    }

    private void close(Mark at) {
        depth--;
        held.add(sequence[depth] ? new SequenceEndEvent(at, at) : new MappingEndEvent(at, at));
    }

    private void end() {
        if (!documentStarted) throw OUTSIDE;
        Mark m = QuickYamlLine.mark(text.length(), lineNumber, 0);
        if (pendingValue != null) {
            held.add(QuickYamlLine.empty(pendingValue));
            pendingValue = null;
        }
        while (depth > 0) close(m);
        held.add(new DocumentEndEvent(m, m, false));
        held.add(new StreamEndEvent(m, m));
        ready.addAll(held);
        held.clear();
        finished = true;
    }
}
