package dev.flowctl.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A short, readable string that matches a flows.yaml pattern, for the catalog's example inputs. The
 * pattern (RE2 syntax, whole-value match) is read once, left to right, and the shortest match is
 * spelled directly: the shortest branch of an alternation, the fewest repetitions a quantifier allows,
 * and for a character class a lower-case letter, a digit or a capital where it has one. Time and
 * result are linear in the pattern (bounded by {@link #MAX_LENGTH}): flows.yaml is untrusted in PR
 * CI, and an automaton library's determinisation is exponential on patterns such as (a|b)*a(a|b){25}.
 * Only the common subset of RE2 is read (classes, groups, alternation, repetition, \d \w \s); anything
 * else (\p{..}, flags, word boundaries, anchors inside) yields null, and the catalog says it has no
 * example. The caller checks the result with the version's own input check (RE2/J) before showing it.
 */
final class PatternExample {
    /** The longest example made; a longer shortest match (nested counted repetitions) yields none. */
    static final int MAX_LENGTH = 4096;

    /** Examples already made, by pattern: a named type's pattern is used by every version that has such an input. */
    private static final Map<String, Optional<String>> MADE = new ConcurrentHashMap<>();

    private final String p;
    private int i;

    private PatternExample(String pattern) {
        this.p = pattern;
    }

    /** A matching string, or null when the pattern uses syntax this reading does not cover. */
    static String of(String re2) {
        return MADE.computeIfAbsent(re2, k -> Optional.ofNullable(make(k))).orElse(null);
    }

    private static String make(String re2) {
        String body = re2;
        if (body.startsWith("^")) body = body.substring(1);
        if (body.endsWith("$") && !body.endsWith("\\$")) body = body.substring(0, body.length() - 1);
        PatternExample reader = new PatternExample(body);
        try {
            String s = reader.alternation();
            return reader.i == body.length() ? s : null; // an unmatched ')'
        } catch (Unsupported e) {
            return null;
        }
    }

    /** Syntax outside the subset, or an example longer than {@link #MAX_LENGTH}. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private String alternation() {
        String best = sequence();
        while (i < p.length() && p.charAt(i) == '|') {
            i++;
            String other = sequence();
            if (other.length() < best.length()) best = other;
        }
        return best;
    }

    private String sequence() {
        StringBuilder out = new StringBuilder();
        while (i < p.length() && p.charAt(i) != '|' && p.charAt(i) != ')') {
            String atom = atom();
            int times = quantifier();
            if ((long) atom.length() * times + out.length() > MAX_LENGTH) throw new Unsupported();
            out.append(atom.repeat(times));
        }
        return out.toString();
    }

    /** The fewest repetitions the quantifier after an atom allows (1 without one); a lazy '?' after it changes nothing. */
    private int quantifier() {
        if (i >= p.length()) return 1;
        char c = p.charAt(i);
        int min;
        if (c == '*' || c == '?') {
            min = 0;
            i++;
        } else if (c == '+') {
            min = 1;
            i++;
        } else if (c == '{' && i + 1 < p.length() && Character.isDigit(p.charAt(i + 1))) {
            int j = i + 1;
            while (j < p.length() && Character.isDigit(p.charAt(j))) j++;
            if (j - i > 5) throw new Unsupported();
            min = Integer.parseInt(p.substring(i + 1, j));
            while (j < p.length() && (Character.isDigit(p.charAt(j)) || p.charAt(j) == ',')) j++;
            if (j >= p.length() || p.charAt(j) != '}') throw new Unsupported();
            i = j + 1;
        } else {
            return 1;
        }
        if (i < p.length() && p.charAt(i) == '?') i++;
        return min;
    }

    private String atom() {
        char c = p.charAt(i++);
        switch (c) {
            case '(' -> {
                if (p.startsWith("?:", i)) {
                    i += 2;
                } else if (i < p.length() && p.charAt(i) == '?') {
                    throw new Unsupported(); // flags, named groups
                }
                String inner = alternation();
                if (i >= p.length() || p.charAt(i) != ')') throw new Unsupported();
                i++;
                return inner;
            }
            case '[' -> {
                return String.valueOf(characterClass());
            }
            case '\\' -> {
                return String.valueOf(escape());
            }
            case '.' -> {
                return "a";
            }
            case '^', '$', '*', '+', '?', '{' -> throw new Unsupported(); // an anchor inside, or a quantifier of nothing
            default -> {
                return String.valueOf(c);
            }
        }
    }

    /** One character after a backslash, outside a class. */
    private char escape() {
        if (i >= p.length()) throw new Unsupported();
        char n = p.charAt(i++);
        return switch (n) {
            case 'd' -> '0';
            case 'w', 'D', 'S' -> 'a';
            case 's' -> ' ';
            case 'W' -> '-';
            case 't' -> '\t';
            case 'n' -> '\n';
            default -> {
                if (Character.isLetterOrDigit(n)) throw new Unsupported(); // \p, \b, \A, \z, \x..
                yield n;
            }
        };
    }

    /** The most readable character a class admits: [a-z0-9.-] gives 'a', [^0-9] gives 'a', [.-] gives '-'. */
    private char characterClass() {
        boolean negated = i < p.length() && p.charAt(i) == '^';
        if (negated) i++;
        StringBuilder ranges = new StringBuilder(); // pairs lo, hi
        boolean first = true;
        while (true) {
            if (i >= p.length()) throw new Unsupported();
            char c = p.charAt(i++);
            if (c == ']' && !first) break;
            first = false;
            char lo;
            if (c == '\\') {
                if (i >= p.length()) throw new Unsupported();
                char n = p.charAt(i++);
                switch (n) {
                    case 'd' -> { ranges.append("09"); continue; }
                    case 'w' -> { ranges.append("azAZ09__"); continue; }
                    case 's' -> { ranges.append("  \t\t\n\n"); continue; }
                    default -> {
                        if (Character.isLetterOrDigit(n)) throw new Unsupported();
                        lo = n;
                    }
                }
            } else if (c == '[') {
                throw new Unsupported(); // [[:alpha:]]
            } else {
                lo = c;
            }
            char hi = lo;
            if (i + 1 < p.length() && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
                hi = p.charAt(i + 1);
                if (hi == '\\') throw new Unsupported();
                i += 2;
            }
            ranges.append(lo).append(hi);
        }
        for (char candidate : CANDIDATES) {
            boolean in = false;
            for (int k = 0; k < ranges.length(); k += 2) {
                if (candidate >= ranges.charAt(k) && candidate <= ranges.charAt(k + 1)) in = true;
            }
            if (in != negated) return candidate;
        }
        throw new Unsupported();
    }

    /** Characters in the order an example prefers them: lower-case letters, digits, capitals, then printable ASCII. */
    private static final char[] CANDIDATES;

    static {
        StringBuilder b = new StringBuilder();
        for (char c = 'a'; c <= 'z'; c++) b.append(c);
        for (char c = '0'; c <= '9'; c++) b.append(c);
        for (char c = 'A'; c <= 'Z'; c++) b.append(c);
        for (char c = '!'; c <= '~'; c++) if (!Character.isLetterOrDigit(c)) b.append(c);
        b.append(' ');
        CANDIDATES = b.toString().toCharArray();
    }
}
