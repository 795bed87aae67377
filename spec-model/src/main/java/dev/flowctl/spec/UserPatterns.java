package dev.flowctl.spec;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Patterns written in flows.yaml ({@code types: x: { pattern: ... }}). flows.yaml is untrusted in
 * pull-request CI, so a pattern is never run by a backtracking engine (java.util.regex takes
 * exponential time on {@code ^(.*a){20}$}): it is compiled with RE2/J, which matches in time
 * linear in the input, and its size after expanding counted repetitions is bounded, since RE2/J
 * copies {@code x{n}} n times and {@code ((a{1000}){1000}){1000}} would never finish compiling.
 * Every place that evaluates a user pattern (defaults in flows.yaml, the generated stubs) uses
 * RE2 semantics, so they all agree.
 */
public final class UserPatterns {
    /** The longest pattern accepted, in characters. */
    public static final int MAX_LENGTH = 1_000;
    /** The largest pattern accepted after expanding counted repetitions ({@code x{n}} counts n times). */
    public static final int MAX_EXPANDED_SIZE = 10_000;

    private UserPatterns() {
    }

    /** Why {@code pattern} is refused, as the predicate of a sentence ("is ..."), or null when RE2 compiles it. */
    public static String problem(String pattern) {
        if (pattern.length() > MAX_LENGTH) {
            return "is " + pattern.length() + " characters long, above the limit of " + MAX_LENGTH;
        }
        long size = expandedSize(pattern);
        if (size > MAX_EXPANDED_SIZE) {
            return "expands to more than " + MAX_EXPANDED_SIZE
                    + " elements through counted repetitions; use * or + instead of large nested {n} counts";
        }
        try {
            Pattern.compile(pattern);
            return null;
        } catch (PatternSyntaxException e) {
            String why = e.getMessage() == null ? e.getDescription() : e.getMessage().replaceFirst("^error parsing regexp: ", "");
            return "is not a valid regular expression: " + why
                    + " (flows.yaml patterns use RE2 syntax: no backreferences, lookahead or lookbehind)";
        }
    }

    /** The compiled pattern; throws IllegalArgumentException with {@link #problem}'s reason. */
    public static Pattern compile(String pattern) {
        String problem = problem(pattern);
        if (problem != null) throw new IllegalArgumentException("pattern '" + pattern + "' " + problem);
        return Pattern.compile(pattern);
    }

    /**
     * An upper bound on the number of elements RE2/J builds for {@code pattern}: each literal,
     * escape or character class counts 1, a group the sum of its alternatives, {@code *+?} add 1,
     * and a counted repetition multiplies what it repeats by its largest count plus one. Saturates
     * just above {@link #MAX_EXPANDED_SIZE}, so no overflow.
     */
    static long expandedSize(String p) {
        final long cap = MAX_EXPANDED_SIZE + 1L;
        java.util.ArrayDeque<long[]> groups = new java.util.ArrayDeque<>(); // {total, last}
        long total = 0;
        long last = 0;
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            switch (c) {
                case '\\' -> {
                    total = Math.min(cap, total + last);
                    last = 1;
                    boolean braced = i + 2 < p.length() && "pPx".indexOf(p.charAt(i + 1)) >= 0 && p.charAt(i + 2) == '{';
                    i += 2;
                    if (braced) { // \p{Greek}, \x{10FFFF}: one element
                        int close = p.indexOf('}', i);
                        i = close < 0 ? p.length() : close + 1;
                    }
                    continue;
                }
                case '[' -> {
                    total = Math.min(cap, total + last);
                    last = 1;
                    i = endOfClass(p, i);
                    continue;
                }
                case '(' -> {
                    groups.push(new long[] {total, last});
                    total = 0;
                    last = 0;
                }
                case ')' -> {
                    long group = Math.min(cap, total + last);
                    if (groups.isEmpty()) {
                        total = group;
                        last = 0;
                    } else {
                        long[] outer = groups.pop();
                        total = Math.min(cap, outer[0] + outer[1]);
                        last = group;
                    }
                }
                case '|' -> {
                    total = Math.min(cap, total + last);
                    last = 0;
                }
                case '*', '+', '?' -> last = Math.min(cap, last + 1);
                case '{' -> {
                    int close = p.indexOf('}', i);
                    long count = close < 0 ? -1 : largestCount(p.substring(i + 1, close));
                    if (count < 0) { // a literal brace
                        total = Math.min(cap, total + last);
                        last = 1;
                    } else {
                        last = Math.min(cap, last * (count + 1));
                        i = close + 1;
                        continue;
                    }
                }
                default -> {
                    total = Math.min(cap, total + last);
                    last = 1;
                }
            }
            i++;
        }
        long size = Math.min(cap, total + last);
        while (!groups.isEmpty()) { // unbalanced: RE2/J refuses it anyway
            long[] outer = groups.pop();
            size = Math.min(cap, size + outer[0] + outer[1]);
        }
        return size;
    }

    /** The index just past the character class that starts at {@code start}. */
    private static int endOfClass(String p, int start) {
        int i = start + 1;
        if (i < p.length() && p.charAt(i) == '^') i++;
        if (i < p.length() && p.charAt(i) == ']') i++;
        while (i < p.length() && p.charAt(i) != ']') {
            if (p.charAt(i) == '\\') i++;
            else if (p.startsWith("[:", i)) {
                int close = p.indexOf(":]", i + 2);
                if (close >= 0) i = close + 1;
            }
            i++;
        }
        return Math.min(p.length(), i + 1);
    }

    /** The larger count of {@code n}, {@code n,} or {@code n,m}; -1 when it is no repetition. */
    private static long largestCount(String inside) {
        if (!inside.matches("\\d{1,9}(,\\d{0,9})?")) return -1;
        long max = 0;
        for (String part : inside.split(",")) {
            if (!part.isEmpty()) max = Math.max(max, Long.parseLong(part));
        }
        return max;
    }
}
