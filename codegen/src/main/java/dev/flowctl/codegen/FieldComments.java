package dev.flowctl.codegen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.spec.InputSpec;
import dev.flowctl.spec.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The comment above a generated field: the description, then what proto3 cannot express. */
final class FieldComments {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every line break YAML or Java may see: a lone CR would start a stray line in an editor. */
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|[\n\r\u000B\u000C\u0085\u2028\u2029]");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    /** A field's comment: the description's lines, then one line per fact flowctl states about the input. */
    record Comment(List<String> description, List<String> facts) {
        /**
         * As proto comment lines, one per line of the description (a full stop added where it ends
         * without one, as in {@link #javadoc()}) and per fact.
         */
        String proto() {
            List<String> all = new ArrayList<>(closed(description));
            all.addAll(facts);
            return String.join("\n", all);
        }

        /**
         * As the text of a one-line Javadoc comment: the description's lines joined as one
         * sentence (a full stop added where it ends without one), then the facts; HTML and
         * Javadoc's own syntax escaped, so text such as {@code list<int>}, {@code @deprecated}
         * or {@code *}{@code /} reads as written and cannot end the comment or tag the member.
         */
        String javadoc() {
            StringBuilder b = new StringBuilder();
            for (String line : description) {
                if (!line.isBlank()) b.append(b.length() == 0 ? "" : " ").append(line.strip());
            }
            if (b.length() > 0 && !endsSentence(b)) b.append('.');
            for (String fact : facts) b.append(b.length() == 0 ? "" : " ").append(fact);
            return escapeJavadoc(b.toString());
        }
    }

    private FieldComments() {
    }

    static Comment of(InputSpec in, TypeRef element) {
        List<String> facts = new ArrayList<>();
        if (in.required()) {
            facts.add("Required: flowctl refuses a run without it.");
        } else if (in.hasDefault()) {
            facts.add("Optional; default " + json(in.defaultValue()) + ".");
        } else {
            facts.add("Optional.");
        }
        facts.add("flows.yaml type: " + in.type().display() + ".");
        if (element instanceof TypeRef.CustomType c) {
            if (c.pattern() != null) facts.add("Must match " + printable(c.pattern()));
            if (c.min() != null || c.max() != null) {
                facts.add("Range: " + (c.min() == null ? "any" : c.min().toPlainString()) + " to "
                        + (c.max() == null ? "any" : c.max().toPlainString()) + " inclusive.");
            }
            element = c.base();
        }
        if (element == TypeRef.Primitive.DATE) facts.add("A calendar date written YYYY-MM-DD (ISO 8601).");
        return new Comment(lines(in.description()), facts);
    }

    /**
     * Description lines ending with a full stop, unless the last one already ends a sentence: in a
     * comment, the facts that follow would otherwise read as its continuation.
     */
    static List<String> closed(List<String> lines) {
        if (lines.isEmpty()) return lines;
        String last = lines.get(lines.size() - 1);
        if (last.isBlank() || endsSentence(last)) return lines;
        List<String> out = new ArrayList<>(lines);
        out.set(out.size() - 1, last + ".");
        return out;
    }

    private static boolean endsSentence(CharSequence text) {
        return ".!?:;".indexOf(text.charAt(text.length() - 1)) >= 0;
    }

    /**
     * Free text (a description) as comment lines: split at every kind of line break, other
     * control characters as spaces, trailing blanks dropped, no blank line first or last and
     * never two in a row (a YAML block scalar ends with a line break).
     */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        if (plain(text)) { // the usual one-line description, without the regexes
            String line = text.strip();
            if (!line.isEmpty()) out.add(line);
            return out;
        }
        for (String raw : LINE_BREAK.split(text.strip(), -1)) {
            String line = CONTROL.matcher(raw).replaceAll(" ").stripTrailing();
            if (line.isEmpty() && (out.isEmpty() || out.get(out.size() - 1).isEmpty())) continue;
            out.add(line);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
        return out;
    }

    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029') return false;
        }
        return true;
    }

    /** A pattern shown exactly, on one line: control characters as regex escapes (a newline as \n). */
    private static String printable(String pattern) {
        StringBuilder b = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\x{%x}", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** Text for a Javadoc comment: HTML entities for what Javadoc, HTML or the Java lexer would act on. */
    static String escapeJavadoc(String text) {
        if (!needsEscape(text)) return text;
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '@' -> b.append("&#64;"); // a block or inline tag ({@link ...}, @deprecated)
                case '/' -> b.append(i > 0 && text.charAt(i - 1) == '*' ? "&#47;" : "/"); // */ would end the comment
                case '\\' -> b.append(next == 'u' ? "&#92;" : "\\"); // javac reads \u0041 before comments
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean needsEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case '&', '<', '>', '@', '/', '\\' -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
