package dev.flowctl.codegen;

import java.util.Map;

/**
 * A flows.yaml pattern (RE2 syntax, already accepted by flowctl) as a pattern for Python's {@code re},
 * compiled with {@code re.ASCII} and matched with {@code fullmatch}, so that it matches exactly the
 * strings RE2/J's {@code matches} does. Syntax the two spell differently is rewritten ({@code \z},
 * {@code \s}, {@code $}, {@code [[:alpha:]]}, {@code \x{..}}, {@code (?<name>..)}, {@code \Q..\E},
 * a brace that is no repetition); syntax with no exact equivalent in {@code re} (Unicode classes
 * {@code \p}, {@code \C}, ungreedy {@code (?U)}, flags after the start) is refused, naming it.
 */
final class PythonPatterns {
    /** RE2's \s: no vertical tab, which Python's \s (even ASCII) includes. */
    private static final String SPACE = "\\t\\n\\f\\r ";
    private static final Map<String, String> POSIX = Map.ofEntries(
            Map.entry("alnum", "0-9A-Za-z"), Map.entry("alpha", "A-Za-z"), Map.entry("ascii", "\\x00-\\x7f"),
            Map.entry("blank", "\\t "), Map.entry("cntrl", "\\x00-\\x1f\\x7f"), Map.entry("digit", "0-9"),
            Map.entry("graph", "!-~"), Map.entry("lower", "a-z"), Map.entry("print", " -~"),
            Map.entry("punct", "!-/:-@\\[-`{-~"), Map.entry("space", "\\t\\n\\v\\f\\r "), Map.entry("upper", "A-Z"),
            Map.entry("word", "0-9A-Za-z_"), Map.entry("xdigit", "0-9A-Fa-f"));

    private PythonPatterns() {
    }

    /** The translation; throws CodegenException naming {@code where} and the construct Python cannot match the same way. */
    static String translate(String re2, String where) {
        StringBuilder out = new StringBuilder();
        boolean multiline = false;
        int i = 0;
        int n = re2.length();
        // Flags are kept only at the very start, where Python allows global flags.
        while (i < n && re2.startsWith("(?", i)) {
            int close = re2.indexOf(')', i);
            if (close < 0) break;
            String flags = re2.substring(i + 2, close);
            if (!flags.matches("[imsU]+")) break;
            if (flags.contains("U")) throw refuse(where, "the ungreedy flag (?U)");
            multiline |= flags.contains("m");
            out.append(re2, i, close + 1);
            i = close + 1;
        }
        while (i < n) {
            char c = re2.charAt(i);
            if (c == '\\') {
                i = escape(re2, i, out, false, where);
            } else if (c == '[') {
                i = charClass(re2, i, out, where);
            } else if (c == '$') {
                out.append(multiline ? "$" : "\\Z"); // RE2's $ is the end of the text, never before a final newline
                i++;
            } else if (c == '(' && re2.startsWith("(?", i)) {
                if (re2.startsWith("(?P<", i) || re2.startsWith("(?:", i)) {
                    out.append(re2, i, i + 3);
                    i += 3;
                } else if (re2.startsWith("(?<", i)) {
                    out.append("(?P<");
                    i += 3;
                } else {
                    int colon = re2.indexOf(':', i);
                    int close = re2.indexOf(')', i);
                    String flags = re2.substring(i + 2, colon >= 0 && (close < 0 || colon < close) ? colon : Math.max(close, i + 2));
                    if (flags.contains("U")) throw refuse(where, "the ungreedy flag (?U)");
                    if (colon < 0 || (close >= 0 && close < colon)) throw refuse(where, "flags (?" + flags + ") after the start of the pattern");
                    out.append(re2, i, colon + 1); // scoped flags (?i:...) mean the same in both
                    i = colon + 1;
                }
            } else if (c == '{') {
                int close = re2.indexOf('}', i);
                boolean repetition = close > i && re2.substring(i, close + 1).matches("\\{[0-9]+(,[0-9]*)?}");
                out.append(repetition ? re2.substring(i, close + 1) : "\\{");
                i = repetition ? close + 1 : i + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        String python = out.toString();
        requireNoNestedRepetition(python, where);
        return python;
    }

    /**
     * Refuses an unbounded repetition of a group that itself holds one ({@code (a+)+}, {@code ((ab)*c)*}):
     * RE2 matches those in linear time, but Python's backtracking {@code re} can take exponential time on
     * a caller's input, and it has no timeout. Star height above one is the usual static sign; bounded
     * repetitions ({@code (\d+\.){3}}) and alternations are accepted. Reads the translation, whose
     * syntax is regular: every escape is two characters or more of literals, a class ends at its first
     * unescaped bracket, and a brace is either a repetition or escaped.
     */
    private static void requireNoNestedRepetition(String p, String where) {
        java.util.ArrayDeque<Boolean> enclosing = new java.util.ArrayDeque<>();
        boolean repeats = false; // the current group holds an unbounded repetition
        int n = p.length();
        int i = 0;
        while (i < n) {
            char c = p.charAt(i);
            boolean groupRepeats = false;
            if (c == '\\') {
                i += 2;
            } else if (c == '[') {
                int j = i + 1;
                if (j < n && p.charAt(j) == '^') j++;
                while (j < n && p.charAt(j) != ']') j += p.charAt(j) == '\\' ? 2 : 1;
                i = j + 1;
            } else if (c == '(') {
                enclosing.push(repeats);
                repeats = false;
                i++;
                if (i < n && p.charAt(i) == '?') { // (?P<name>, (?:, (?i: — or (?i), whose ')' closes it next
                    int end = p.startsWith("?P<", i) ? p.indexOf('>', i) : i;
                    while (end < n && p.charAt(end) != ':' && p.charAt(end) != ')' && p.charAt(end) != '>') end++;
                    i = end < n && p.charAt(end) == ')' ? end : end + 1;
                }
                continue;
            } else if (c == ')') {
                groupRepeats = repeats;
                repeats = (enclosing.isEmpty() ? false : enclosing.pop()) || groupRepeats;
                i++;
            } else {
                i++;
            }
            if (i >= n) break;
            char q = p.charAt(i);
            boolean unbounded = q == '*' || q == '+';
            if (q == '{') {
                int close = p.indexOf('}', i);
                unbounded = p.substring(i, close).endsWith(",");
                i = close;
            }
            if (q == '*' || q == '+' || q == '?' || q == '{') {
                i++;
                if (i < n && p.charAt(i) == '?') i++; // lazy
                if (unbounded && groupRepeats) {
                    throw new CodegenException(where + " has a pattern that repeats a group which itself repeats without bound"
                            + " (like (a+)+), which Python's backtracking re can take exponential time to match on a caller's input;"
                            + " rewrite the pattern without the nested repetition (docs/codegen.md, Python) or generate without --lang python.");
                }
                if (unbounded) repeats = true;
            }
        }
    }

    /** One escape at {@code i}; returns the index after it. */
    private static int escape(String re2, int i, StringBuilder out, boolean inClass, String where) {
        if (i + 1 >= re2.length()) throw refuse(where, "a trailing backslash");
        char e = re2.charAt(i + 1);
        switch (e) {
            case 's' -> out.append(inClass ? SPACE : "[" + SPACE + "]");
            case 'S' -> {
                if (inClass) throw refuse(where, "\\S inside a character class");
                out.append("[^").append(SPACE).append("]");
            }
            case 'z' -> out.append("\\Z");
            case 'p', 'P' -> throw refuse(where, "Unicode classes (\\" + e + ")");
            case 'C' -> throw refuse(where, "\\C (any byte)");
            case 'Q' -> {
                int end = re2.indexOf("\\E", i + 2);
                String literal = re2.substring(i + 2, end < 0 ? re2.length() : end);
                for (char c : literal.toCharArray()) {
                    if (c < 128 && !Character.isLetterOrDigit(c)) out.append('\\');
                    out.append(c);
                }
                return end < 0 ? re2.length() : end + 2;
            }
            case 'x' -> {
                if (i + 2 < re2.length() && re2.charAt(i + 2) == '{') {
                    int close = re2.indexOf('}', i);
                    out.append(String.format("\\U%08x", Integer.parseInt(re2.substring(i + 3, close), 16)));
                    return close + 1;
                }
                out.append(re2, i, Math.min(i + 4, re2.length()));
                return Math.min(i + 4, re2.length());
            }
            default -> {
                if (Character.isDigit(e)) throw refuse(where, "an octal escape (\\" + e + ")");
                out.append('\\').append(e);
            }
        }
        return i + 2;
    }

    /** A character class at {@code i}; returns the index after its closing bracket. */
    private static int charClass(String re2, int i, StringBuilder out, String where) {
        out.append('[');
        int j = i + 1;
        if (j < re2.length() && re2.charAt(j) == '^') {
            out.append('^');
            j++;
        }
        boolean first = true;
        while (j < re2.length()) {
            char c = re2.charAt(j);
            if (c == ']' && !first) {
                out.append(']');
                return j + 1;
            }
            first = false;
            if (c == '[' && re2.startsWith("[:", j)) {
                int close = re2.indexOf(":]", j);
                String name = close < 0 ? null : re2.substring(j + 2, close);
                boolean negated = name != null && name.startsWith("^");
                String range = name == null ? null : POSIX.get(negated ? name.substring(1) : name);
                if (range == null || negated) throw refuse(where, "the character class [" + (name == null ? "" : ":" + name + ":") + "]");
                out.append(range);
                j = close + 2;
            } else if (c == '\\') {
                j = escape(re2, j, out, true, where);
            } else if (c == ']' || c == '[' || c == '&' || c == '~' || c == '|') {
                // Literal here in RE2; Python warns of set operations it may add, so escape them.
                out.append('\\').append(c);
                j++;
            } else {
                out.append(c);
                j++;
            }
        }
        throw refuse(where, "an unclosed character class");
    }

    private static CodegenException refuse(String where, String what) {
        return new CodegenException(where + " has a pattern that uses " + what
                + ", which Python's re cannot match the same way as RE2; rewrite the pattern without it (docs/codegen.md, Python) or generate without --lang python.");
    }
}
