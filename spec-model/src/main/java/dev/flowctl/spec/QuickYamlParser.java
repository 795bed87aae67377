package dev.flowctl.spec;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ImplicitTuple;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.events.StreamStartEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * SnakeYAML's parser events for the YAML that flows.yaml is written in, read a line at a time by a
 * scanner that knows only that much: block mappings and sequences indented with spaces, one-line
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
    private static final ImplicitTuple PLAIN = new ImplicitTuple(true, false);
    private static final ImplicitTuple QUOTED = new ImplicitTuple(false, true);
    private static final int[] NO_BUFFER = new int[0];
    /** SnakeYAML gives up on a simple key whose ':' lies more than 1024 characters after its start. */
    private static final int MAX_KEY_LENGTH = 1000;
    private static final int MAX_FLOW_DEPTH = 32;
    private static final int MAX_BLOCK_DEPTH = 64;

    /** Unwinds to {@link #fill()} when the text leaves the subset; thrown often enough to skip the stack trace. */
    private static final RuntimeException OUTSIDE = new RuntimeException("outside the subset", null, false, false) {
    };

    private final String text;
    private final LoaderOptions options;
    /** Events SnakeYAML has been checked to make, ready to hand out. */
    private final ArrayDeque<Event> ready = new ArrayDeque<>();
    /** The last content line's events, handed out once the line after it is read. */
    private final ArrayDeque<Event> held = new ArrayDeque<>();
    /** SnakeYAML's parser, once the text has left the subset. */
    private Parser snakeyaml;
    private long delivered;

    /** The open block collections, innermost last: the column of their entries, and their kind. */
    private final int[] indents = new int[MAX_BLOCK_DEPTH];
    private final boolean[] sequence = new boolean[MAX_BLOCK_DEPTH];
    /** A sequence written at its key's column ({@code key:\n- a}), which ends at the next key there. */
    private final boolean[] indentless = new boolean[MAX_BLOCK_DEPTH];
    private int depth;

    private int next;
    private int lineNumber = -1;
    private int lineStart;
    private int eol;
    private boolean started;
    private boolean documentStarted;
    private boolean finished;
    /** Where the empty value of a key written with nothing after its ':' sits, until the next line tells. */
    private Mark pendingValue;
    /** After a value written on its line, a content line deeper than this would continue it: outside the subset. */
    private int continuationLimit = Integer.MAX_VALUE;

    /** Set by the scalar scanners: the scalar's value and style. */
    private String scalar;
    private ScalarStyle style;

    private QuickYamlParser(String text, LoaderOptions options) {
        this.text = text;
        this.options = options;
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
            Mark m = mark(0, 0, 0);
            ready.add(new StreamStartEvent(m, m));
            return;
        }
        if (next >= text.length()) {
            end();
            return;
        }
        lineStart = next;
        lineNumber++;
        eol = text.indexOf('\n', lineStart);
        if (eol < 0) eol = text.length();
        next = eol + 1;
        if (eol > lineStart && text.charAt(eol - 1) == '\r') eol--;
        int c = skipSpaces(lineStart);
        if (c == eol || text.charAt(c) == '#') return;
        int indent = c - lineStart;
        if (indent == 0 && (text.startsWith("---", c) || text.startsWith("...", c) || text.charAt(c) == '%')) throw OUTSIDE;
        ready.addAll(held);
        held.clear();
        line(c, indent);
    }

    /** A content line: closes what it dedents out of, then reads its mapping entry or sequence item. */
    private void line(int c, int indent) {
        boolean dash = text.charAt(c) == '-' && (c + 1 == eol || text.charAt(c + 1) == ' ');
        if (!documentStarted) {
            if (indent != 0 || dash) throw OUTSIDE;
            documentStarted = true;
            Mark m = mark(c);
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
                open(dash, indent, mark(c), indent == keyColumn);
                if (dash) item(c);
                else entry(c);
                return;
            }
            held.add(new ScalarEvent(null, null, PLAIN, "", empty, empty, ScalarStyle.PLAIN));
        } else if (indent > continuationLimit) {
            throw OUTSIDE;
        }
        while (depth > 0 && indents[depth - 1] > indent) close(mark(c));
        if (depth > 0 && indentless[depth - 1] && indents[depth - 1] == indent && !dash) close(mark(c));
        if (depth == 0 || indents[depth - 1] != indent || sequence[depth - 1] != dash) throw OUTSIDE;
        if (dash) item(c);
        else entry(c);
    }

    /** {@code key: value} or {@code key:} with its value on the lines below. */
    private void entry(int c) {
        int colon = key(c);
        if (colon < 0) throw OUTSIDE;
        held.add(new ScalarEvent(null, null, style == ScalarStyle.PLAIN ? PLAIN : QUOTED, scalar, mark(c), mark(c), style));
        int v = skipSpaces(colon + 1);
        if (v == eol || text.charAt(v) == '#') {
            pendingValue = mark(colon + 1);
            continuationLimit = Integer.MAX_VALUE;
            return;
        }
        lineEnd(value(v));
    }

    /** {@code - value}, or {@code - key: value} opening a mapping in the item. */
    private void item(int c) {
        int v = skipSpaces(c + 1);
        if (v == eol || text.charAt(v) == '#' || (text.charAt(v) == '-' && (v + 1 == eol || text.charAt(v + 1) == ' '))) {
            throw OUTSIDE;
        }
        if (key(v) >= 0) {
            open(false, v - lineStart, mark(v), false);
            entry(v);
            return;
        }
        lineEnd(value(v));
    }

    /** After a value: only spaces and a comment to the line's end, and no continuation on the next line. */
    private void lineEnd(int i) {
        int j = skipSpaces(i);
        if (j != eol && (text.charAt(j) != '#' || j == i)) throw OUTSIDE;
        continuationLimit = indents[depth - 1];
    }

    /**
     * Scans a key at {@code c}: the index of the ':' after it (followed by a space or the line's end),
     * with {@link #scalar} and {@link #style} set; -1 when no key starts there.
     */
    private int key(int c) {
        char first = text.charAt(c);
        int colon;
        if (first == '\'' || first == '"') {
            colon = quoted(c);
        } else {
            if (!plainStart(c, false)) return -1;
            colon = c;
            while (true) {
                if (colon == eol) return -1;
                char ch = text.charAt(colon);
                if (ch == ':' && (colon + 1 == eol || text.charAt(colon + 1) == ' ')) break;
                if (ch == '#' && text.charAt(colon - 1) == ' ') return -1;
                colon++;
            }
            if (text.charAt(colon - 1) == ' ') throw OUTSIDE;
            scalar = text.substring(c, colon);
            style = ScalarStyle.PLAIN;
        }
        if (colon - c > MAX_KEY_LENGTH) throw OUTSIDE;
        return colon < eol && text.charAt(colon) == ':' && (colon + 1 == eol || text.charAt(colon + 1) == ' ') ? colon : -1;
    }

    /** A value in block context: a flow collection, a quoted scalar or a plain one; the index after it. */
    private int value(int v) {
        char first = text.charAt(v);
        if (first == '[' || first == '{') return flow(v, 1);
        if (first == '\'' || first == '"') {
            int end = quoted(v);
            held.add(new ScalarEvent(null, null, QUOTED, scalar, mark(v), mark(v), style));
            return end;
        }
        if (!plainStart(v, false)) throw OUTSIDE;
        int end = v;
        for (int i = v; i < eol; i++) {
            char ch = text.charAt(i);
            if (ch == ':' && (i + 1 == eol || text.charAt(i + 1) == ' ')) throw OUTSIDE;
            if (ch == '#' && text.charAt(i - 1) == ' ') break;
            if (ch != ' ') end = i + 1;
        }
        held.add(new ScalarEvent(null, null, PLAIN, text.substring(v, end), mark(v), mark(v), ScalarStyle.PLAIN));
        return end;
    }

    /** A one-line flow sequence or mapping at {@code i}; the index after its closing bracket. */
    private int flow(int i, int level) {
        if (level > MAX_FLOW_DEPTH) throw OUTSIDE;
        boolean map = text.charAt(i) == '{';
        char close = map ? '}' : ']';
        Mark start = mark(i);
        held.add(map ? new MappingStartEvent(null, null, true, start, start, FlowStyle.FLOW)
                : new SequenceStartEvent(null, null, true, start, start, FlowStyle.FLOW));
        i = skipSpaces(i + 1);
        if (i < eol && text.charAt(i) == close) return closeFlow(map, i);
        while (true) {
            if (map) {
                if (i == eol) throw OUTSIDE;
                int colon = flowKey(i);
                i = skipSpaces(colon + 1);
                if (i == eol || text.charAt(i) == ',' || text.charAt(i) == close) throw OUTSIDE;
            }
            i = skipSpaces(flowNode(i, level));
            if (i == eol) throw OUTSIDE;
            char ch = text.charAt(i);
            if (ch == close) return closeFlow(map, i);
            if (ch != ',') throw OUTSIDE;
            i = skipSpaces(i + 1);
            if (i == eol || text.charAt(i) == ']' || text.charAt(i) == '}') throw OUTSIDE;
        }
    }

    private int closeFlow(boolean map, int i) {
        Mark m = mark(i);
        held.add(map ? new MappingEndEvent(m, m) : new SequenceEndEvent(m, m));
        return i + 1;
    }

    /** A flow mapping's key at {@code i} and the ':' after it (followed by a space); the index of that ':'. */
    private int flowKey(int i) {
        char first = text.charAt(i);
        int colon;
        if (first == '\'' || first == '"') {
            colon = quoted(i);
        } else {
            colon = plainFlow(i);
        }
        if (colon - i > MAX_KEY_LENGTH || colon + 1 >= eol || text.charAt(colon) != ':' || text.charAt(colon + 1) != ' ') throw OUTSIDE;
        held.add(new ScalarEvent(null, null, style == ScalarStyle.PLAIN ? PLAIN : QUOTED, scalar, mark(i), mark(i), style));
        return colon;
    }

    /** A node inside a flow collection; the index after it. */
    private int flowNode(int i, int level) {
        if (i == eol) throw OUTSIDE;
        char first = text.charAt(i);
        if (first == '[' || first == '{') return flow(i, level + 1);
        int end = first == '\'' || first == '"' ? quoted(i) : plainFlow(i);
        held.add(new ScalarEvent(null, null, style == ScalarStyle.PLAIN ? PLAIN : QUOTED, scalar, mark(i), mark(i), style));
        return end;
    }

    /**
     * A plain scalar inside a flow collection, ended by ',', a bracket or ": "; the index where it
     * ends (after trailing spaces are dropped from its value). Any other ':' or '?' leaves the subset.
     */
    private int plainFlow(int i) {
        if (!plainStart(i, true)) throw OUTSIDE;
        int end = i;
        int j = i;
        for (; j < eol; j++) {
            char ch = text.charAt(j);
            if (ch == ',' || ch == '[' || ch == ']' || ch == '{' || ch == '}') break;
            if (ch == ':') {
                if (j + 1 < eol && text.charAt(j + 1) == ' ') break;
                throw OUTSIDE;
            }
            if (ch == '?' || (ch == '#' && text.charAt(j - 1) == ' ')) throw OUTSIDE;
            if (ch != ' ') end = j + 1;
        }
        if (j == eol) throw OUTSIDE;
        if (end != j && text.charAt(j) == ':') throw OUTSIDE;
        scalar = text.substring(i, end);
        style = ScalarStyle.PLAIN;
        return end;
    }

    /** Whether a plain scalar may start at {@code i}: not with an indicator, nor with '-' before a space. */
    private boolean plainStart(int i, boolean inFlow) {
        char ch = text.charAt(i);
        if (ch == '-') {
            if (i + 1 == eol) return false;
            char after = text.charAt(i + 1);
            return after != ' ' && !(inFlow && (after == ',' || after == '[' || after == ']' || after == '{' || after == '}'));
        }
        return "?:,[]{}#&*!|>'\"%@`".indexOf(ch) < 0 && ch != ' ';
    }

    /** A one-line quoted scalar at {@code i}; the index after its closing quote. */
    private int quoted(int i) {
        char quote = text.charAt(i);
        StringBuilder unescaped = null;
        int from = i + 1;
        int j = from;
        while (true) {
            if (j >= eol) throw OUTSIDE;
            char ch = text.charAt(j);
            if (quote == '"' && ch == '\\') throw OUTSIDE;
            if (ch == quote) {
                if (quote == '\'' && j + 1 < eol && text.charAt(j + 1) == '\'') {
                    if (unescaped == null) unescaped = new StringBuilder();
                    unescaped.append(text, from, j + 1);
                    j += 2;
                    from = j;
                    continue;
                }
                break;
            }
            j++;
        }
        scalar = unescaped == null ? text.substring(i + 1, j) : unescaped.append(text, from, j).toString();
        style = quote == '\'' ? ScalarStyle.SINGLE_QUOTED : ScalarStyle.DOUBLE_QUOTED;
        return j + 1;
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
        Mark m = mark(text.length(), lineNumber + 1, 0);
        if (pendingValue != null) {
            held.add(new ScalarEvent(null, null, PLAIN, "", pendingValue, pendingValue, ScalarStyle.PLAIN));
            pendingValue = null;
        }
        while (depth > 0) close(m);
        held.add(new DocumentEndEvent(m, m, false));
        held.add(new StreamEndEvent(m, m));
        ready.addAll(held);
        held.clear();
        finished = true;
    }

    private int skipSpaces(int i) {
        while (i < eol && text.charAt(i) == ' ') i++;
        return i;
    }

    private Mark mark(int index) {
        return mark(index, lineNumber, index - lineStart);
    }

    private static Mark mark(int index, int line, int column) {
        return new Mark("'reader'", index, line, column, NO_BUFFER, 0);
    }
}
