package dev.flowctl.catalog;

import dk.brics.automaton.Automaton;
import dk.brics.automaton.RegExp;
import dk.brics.automaton.State;
import dk.brics.automaton.Transition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A short, readable string that matches a flows.yaml pattern, for the catalog's example inputs: the
 * pattern (RE2 syntax, whole-value match) becomes an automaton, and a breadth-first walk takes the
 * shortest accepted path, spelling each step with a lower-case letter or a digit where it can.
 * Only the common subset of RE2 is translated (classes, groups, alternation, repetition, \d \w \s);
 * anything else (\p{..}, flags, word boundaries) yields null, and the catalog says it has no example.
 */
final class PatternExample {
    private PatternExample() {
    }

    /**
     * Examples already made, by pattern: building the automaton dominates a large catalog (a named
     * type's pattern, such as an S3 path with {3,63}, is used by every version that has such an
     * input), and a spec has few distinct patterns, so the map stays small.
     */
    private static final Map<String, Optional<String>> MADE = new ConcurrentHashMap<>();

    /** A matching string, or null when the pattern uses syntax this translation does not cover or matches nothing. */
    static String of(String re2) {
        return MADE.computeIfAbsent(re2, p -> Optional.ofNullable(make(p))).orElse(null);
    }

    private static String make(String re2) {
        String brics = translate(re2);
        if (brics == null) return null;
        Automaton a;
        try {
            a = new RegExp(brics, RegExp.NONE).toAutomaton();
        } catch (IllegalArgumentException e) {
            return null;
        }
        return shortest(a);
    }

    /** The pattern in dk.brics syntax, or null. Anchors at the ends are dropped: flows.yaml patterns match the whole value. */
    static String translate(String re2) {
        String p = re2;
        if (p.startsWith("^")) p = p.substring(1);
        if (p.endsWith("$") && !p.endsWith("\\$")) p = p.substring(0, p.length() - 1);
        StringBuilder out = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 >= p.length()) return null;
                char n = p.charAt(++i);
                String cls = switch (n) {
                    case 'd' -> inClass ? "0-9" : "[0-9]";
                    case 'w' -> inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]";
                    case 's' -> inClass ? " " : "[ ]";
                    default -> null;
                };
                if (cls != null) {
                    out.append(cls);
                } else if (Character.isLetterOrDigit(n)) {
                    return null; // \p, \b, \A, \z, \D, \x.. : not translated
                } else {
                    out.append('\\').append(n);
                }
                continue;
            }
            if (inClass) {
                if (c == ']') inClass = false;
                if (c == '[' || c == '"') out.append('\\');
                out.append(c);
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    out.append(c);
                    if (i + 1 < p.length() && p.charAt(i + 1) == ']') { // []…] has a literal ]
                        out.append("\\]");
                        i++;
                    }
                }
                case '(' -> {
                    if (p.startsWith("(?:", i)) {
                        i += 2;
                    } else if (i + 1 < p.length() && p.charAt(i + 1) == '?') {
                        return null; // flags and named groups
                    }
                    out.append('(');
                }
                case '^', '$' -> {
                    return null; // an anchor inside the pattern
                }
                case '"', '&', '~', '#', '@', '<', '>' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return inClass ? null : out.toString();
    }

    private static String shortest(Automaton a) {
        Map<State, String> seen = new HashMap<>();
        ArrayDeque<State> queue = new ArrayDeque<>();
        seen.put(a.getInitialState(), "");
        queue.add(a.getInitialState());
        while (!queue.isEmpty()) {
            State s = queue.poll();
            String path = seen.get(s);
            if (s.isAccept()) return path;
            List<Transition> ts = new ArrayList<>(s.getTransitions());
            ts.sort(Comparator.comparingInt((Transition t) -> rank(readable(t.getMin(), t.getMax()))).thenComparingInt(Transition::getMin));
            for (Transition t : ts) {
                if (seen.containsKey(t.getDest())) continue;
                char c = readable(t.getMin(), t.getMax());
                seen.put(t.getDest(), path + c);
                queue.add(t.getDest());
            }
        }
        return null;
    }

    /** How readable a character is in an example: letters first, then digits, capitals, other printable ASCII, the rest. */
    private static int rank(char c) {
        return c >= 'a' && c <= 'z' ? 0 : c >= '0' && c <= '9' ? 1 : c >= 'A' && c <= 'Z' ? 2 : c >= '!' && c <= '~' ? 3 : 4;
    }

    /** A character of [min, max]: a lower-case letter, a digit, an upper-case letter or printable ASCII where the range has one. */
    private static char readable(char min, char max) {
        for (String range : new String[]{"az", "09", "AZ", "!~"}) {
            char lo = (char) Math.max(min, range.charAt(0));
            char hi = (char) Math.min(max, range.charAt(1));
            if (lo <= hi) return lo;
        }
        return min;
    }
}
