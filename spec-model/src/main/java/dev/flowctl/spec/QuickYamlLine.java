package dev.flowctl.spec;

import java.util.ArrayDeque;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ImplicitTuple;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;

/**
 * What {@link QuickYamlParser} reads inside one line: a key and its ':', a plain or quoted scalar,
 * a flow collection ({@code { type: int, default: 1 }}, {@code [fast, full]}) and a trailing
 * comment, as SnakeYAML's events with its marks. The block structure — which line opens or closes
 * what — is the parser's. Anything outside the subset throws {@link #OUTSIDE}.
 */
final class QuickYamlLine {
    /** Unwinds to the parser when the text leaves the subset; thrown often enough to skip the stack trace. */
    static final RuntimeException OUTSIDE = new RuntimeException("outside the subset", null, false, false) {
    };

    private static final ImplicitTuple PLAIN = new ImplicitTuple(true, false);
    private static final ImplicitTuple QUOTED = new ImplicitTuple(false, true);
    private static final int[] NO_BUFFER = new int[0];
    /** SnakeYAML gives up on a simple key whose ':' lies more than 1024 characters after its start. */
    private static final int MAX_KEY_LENGTH = 1000;
    private static final int MAX_FLOW_DEPTH = 32;

    private final String text;
    /** Where the events go. */
    private final ArrayDeque<Event> out;
    private int number;
    private int start;
    private int end;

    /** Set by the scalar scanners: the scalar's value and style. */
    private String scalar;
    private ScalarStyle style;

    QuickYamlLine(String text, ArrayDeque<Event> out) {
        this.text = text;
        this.out = out;
    }

    /** A mark as SnakeYAML makes it for a text read from a string (code points are chars here). */
    static Mark mark(int index, int line, int column) {
        return new Mark("'reader'", index, line, column, NO_BUFFER, 0);
    }

    /** The value of a key written with nothing after its ':', as SnakeYAML reports it. */
    static ScalarEvent empty(Mark at) {
        return new ScalarEvent(null, null, PLAIN, "", at, at, ScalarStyle.PLAIN);
    }

    /** Reads the line {@code number} (0-based) that starts at {@code start}; the index where the next one starts. */
    int at(int start, int number) {
        this.start = start;
        this.number = number;
        int eol = text.indexOf('\n', start);
        if (eol < 0) eol = text.length();
        end = eol > start && text.charAt(eol - 1) == '\r' ? eol - 1 : eol;
        return eol + 1;
    }

    int number() {
        return number;
    }

    boolean endsAt(int i) {
        return i == end;
    }

    int column(int i) {
        return i - start;
    }

    /** A '-' and a space (or the line's end) at {@code i}: a sequence entry. */
    boolean dash(int i) {
        return text.charAt(i) == '-' && (i + 1 == end || text.charAt(i + 1) == ' ');
    }

    int skipSpaces(int i) {
        while (i < end && text.charAt(i) == ' ') i++;
        return i;
    }

    Mark mark(int index) {
        return mark(index, number, index - start);
    }

    /**
     * Scans a key at {@code c}: the index of the ':' after it (followed by a space or the line's end),
     * ready for {@link #addScalar}; -1 when no key starts there.
     */
    int key(int c) {
        char first = text.charAt(c);
        int colon;
        if (first == '\'' || first == '"') {
            colon = quoted(c);
        } else {
            if (!plainStart(c, false)) return -1;
            colon = c;
            while (true) {
                if (colon == end) return -1;
                char ch = text.charAt(colon);
                if (ch == ':' && (colon + 1 == end || text.charAt(colon + 1) == ' ')) break;
                if (ch == '#' && text.charAt(colon - 1) == ' ') return -1;
                colon++;
            }
            if (text.charAt(colon - 1) == ' ') throw OUTSIDE;
            scalar = text.substring(c, colon);
            style = ScalarStyle.PLAIN;
        }
        if (colon - c > MAX_KEY_LENGTH) throw OUTSIDE;
        return colon < end && text.charAt(colon) == ':' && (colon + 1 == end || text.charAt(colon + 1) == ' ') ? colon : -1;
    }

    /** A value in block context: a flow collection, a quoted scalar or a plain one; the index after it. */
    int value(int v) {
        char first = text.charAt(v);
        if (first == '[' || first == '{') return flow(v, 1);
        if (first == '\'' || first == '"') {
            int after = quoted(v);
            addScalar(v);
            return after;
        }
        if (!plainStart(v, false)) throw OUTSIDE;
        int last = v;
        for (int i = v; i < end; i++) {
            char ch = text.charAt(i);
            if (ch == ':' && (i + 1 == end || text.charAt(i + 1) == ' ')) throw OUTSIDE;
            if (ch == '#' && text.charAt(i - 1) == ' ') break;
            if (ch != ' ') last = i + 1;
        }
        scalar = text.substring(v, last);
        style = ScalarStyle.PLAIN;
        addScalar(v);
        return last;
    }

    /** After a value ending at {@code i}: only spaces and a comment to the line's end. */
    void rest(int i) {
        int j = skipSpaces(i);
        if (j != end && (text.charAt(j) != '#' || j == i)) throw OUTSIDE;
    }

    /** The event of the scalar last scanned, which starts at {@code at}. */
    void addScalar(int at) {
        Mark m = mark(at);
        out.add(new ScalarEvent(null, null, style == ScalarStyle.PLAIN ? PLAIN : QUOTED, scalar, m, m, style));
    }

    /** A one-line flow sequence or mapping at {@code i}; the index after its closing bracket. */
    private int flow(int i, int level) {
        if (level > MAX_FLOW_DEPTH) throw OUTSIDE;
        boolean map = text.charAt(i) == '{';
        char close = map ? '}' : ']';
        Mark open = mark(i);
        out.add(map ? new MappingStartEvent(null, null, true, open, open, FlowStyle.FLOW)
                : new SequenceStartEvent(null, null, true, open, open, FlowStyle.FLOW));
        i = skipSpaces(i + 1);
        if (i < end && text.charAt(i) == close) return closeFlow(map, i);
        while (true) {
            if (map) {
                if (i == end) throw OUTSIDE;
                int colon = flowKey(i);
                i = skipSpaces(colon + 1);
                if (i == end || text.charAt(i) == ',' || text.charAt(i) == close) throw OUTSIDE;
            }
            i = skipSpaces(flowNode(i, level));
            if (i == end) throw OUTSIDE;
            char ch = text.charAt(i);
            if (ch == close) return closeFlow(map, i);
            if (ch != ',') throw OUTSIDE;
            i = skipSpaces(i + 1);
            if (i == end || text.charAt(i) == ']' || text.charAt(i) == '}') throw OUTSIDE;
        }
    }

    private int closeFlow(boolean map, int i) {
        Mark m = mark(i);
        out.add(map ? new MappingEndEvent(m, m) : new SequenceEndEvent(m, m));
        return i + 1;
    }

    /** A flow mapping's key at {@code i} and the ':' after it (followed by a space); the index of that ':'. */
    private int flowKey(int i) {
        char first = text.charAt(i);
        int colon = first == '\'' || first == '"' ? quoted(i) : plainFlow(i);
        if (colon - i > MAX_KEY_LENGTH || colon + 1 >= end || text.charAt(colon) != ':' || text.charAt(colon + 1) != ' ') throw OUTSIDE;
        addScalar(i);
        return colon;
    }

    /** A node inside a flow collection; the index after it. */
    private int flowNode(int i, int level) {
        if (i == end) throw OUTSIDE;
        char first = text.charAt(i);
        if (first == '[' || first == '{') return flow(i, level + 1);
        int after = first == '\'' || first == '"' ? quoted(i) : plainFlow(i);
        addScalar(i);
        return after;
    }

    /**
     * A plain scalar inside a flow collection, ended by ',', a bracket or ": "; the index where it
     * ends (after trailing spaces are dropped from its value). Any other ':' or '?' leaves the subset.
     */
    private int plainFlow(int i) {
        if (!plainStart(i, true)) throw OUTSIDE;
        int last = i;
        int j = i;
        for (; j < end; j++) {
            char ch = text.charAt(j);
            if (ch == ',' || ch == '[' || ch == ']' || ch == '{' || ch == '}') break;
            if (ch == ':') {
                if (j + 1 < end && text.charAt(j + 1) == ' ') break;
                throw OUTSIDE;
            }
            if (ch == '?' || (ch == '#' && text.charAt(j - 1) == ' ')) throw OUTSIDE;
            if (ch != ' ') last = j + 1;
        }
        if (j == end) throw OUTSIDE;
        if (last != j && text.charAt(j) == ':') throw OUTSIDE;
        scalar = text.substring(i, last);
        style = ScalarStyle.PLAIN;
        return last;
    }

    /** Whether a plain scalar may start at {@code i}: not with an indicator, nor with '-' before a space. */
    private boolean plainStart(int i, boolean inFlow) {
        char ch = text.charAt(i);
        if (ch == '-') {
            if (i + 1 == end) return false;
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
            if (j >= end) throw OUTSIDE;
            char ch = text.charAt(j);
            if (quote == '"' && ch == '\\') throw OUTSIDE;
            if (ch == quote) {
                if (quote == '\'' && j + 1 < end && text.charAt(j + 1) == '\'') {
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
}
