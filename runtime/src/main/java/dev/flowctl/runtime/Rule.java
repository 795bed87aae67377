package dev.flowctl.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check of one type, compiled once from the schema. {@link #check} returns the value in its
 * canonical form, or null after adding a violation. The path is one shared builder appended to on
 * the way down and cut back on the way up, so a valid input allocates no path strings; recursion
 * follows the schema, never the input, so its depth is bounded by flows.yaml's type depth.
 */
abstract class Rule {
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** How much of a refused value a message quotes: a hostile megabyte must not come back in an error. */
    private static final int QUOTED = 80;
    /** Protobuf's Timestamp range, so every canonical timestamp fits the generated contract. */
    private static final Instant MIN_TIMESTAMP = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999999999Z");

    abstract JsonNode check(JsonNode value, StringBuilder path, List<InputViolation> out);

    static JsonNode refuse(StringBuilder path, List<InputViolation> out, String message) {
        out.add(new InputViolation(path.toString(), message));
        return null;
    }

    static JsonNode wrongType(JsonNode value, String expected, StringBuilder path, List<InputViolation> out) {
        return refuse(path, out, "must be " + expected + "; got " + quote(value));
    }

    static String quote(JsonNode value) {
        String s = value.toString();
        return s.length() <= QUOTED ? s : s.substring(0, QUOTED) + "... (" + s.length() + " characters)";
    }

    static final class Text extends Rule {
        private final Pattern pattern;

        Text(Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        JsonNode check(JsonNode v, StringBuilder path, List<InputViolation> out) {
            if (!v.isTextual()) return wrongType(v, "a string", path, out);
            if (pattern != null && !pattern.matches(v.textValue())) {
                return refuse(path, out, "must match " + pattern.pattern() + "; got " + quote(v));
            }
            return v;
        }
    }

    static final class Int extends Rule {
        private final BigDecimal min;
        private final BigDecimal max;

        Int(BigDecimal min, BigDecimal max) {
            this.min = min;
            this.max = max;
        }

        @Override
        JsonNode check(JsonNode v, StringBuilder path, List<InputViolation> out) {
            if (!v.isIntegralNumber() || !v.canConvertToLong()) return wrongType(v, "a whole number (64-bit)", path, out);
            if (min != null || max != null) {
                BigDecimal d = BigDecimal.valueOf(v.longValue());
                if (outside(d, min, max)) return refuse(path, out, range(min, max) + "; got " + v.longValue());
            }
            return canonicalInt(v);
        }
    }

    static final class Float extends Rule {
        private final BigDecimal min;
        private final BigDecimal max;

        Float(BigDecimal min, BigDecimal max) {
            this.min = min;
            this.max = max;
        }

        @Override
        JsonNode check(JsonNode v, StringBuilder path, List<InputViolation> out) {
            if (!v.isNumber()) return wrongType(v, "a number", path, out);
            double d = v.doubleValue();
            if (!Double.isFinite(d)) return refuse(path, out, "must be a finite number within the range of a 64-bit float");
            // As the stubs compare: the double's shortest decimal form, exactly.
            if ((min != null || max != null) && outside(new BigDecimal(Double.toString(d)), min, max)) {
                return refuse(path, out, range(min, max) + "; got " + d);
            }
            return v.isDouble() ? v : F.numberNode(d);
        }
    }

    /** The node Jackson's parser makes of the number's text (int when it fits, else long), so canonical trees compare equal. */
    static JsonNode canonicalInt(JsonNode v) {
        long l = v.longValue();
        if (l == (int) l) return v.isInt() ? v : F.numberNode((int) l);
        return v.isLong() ? v : F.numberNode(l);
    }

    static boolean outside(BigDecimal d, BigDecimal min, BigDecimal max) {
        return (min != null && d.compareTo(min) < 0) || (max != null && d.compareTo(max) > 0);
    }

    static String range(BigDecimal min, BigDecimal max) {
        return "must be between " + (min == null ? "any" : min.toPlainString()) + " and "
                + (max == null ? "any" : max.toPlainString()) + " inclusive";
    }

    static final class Bool extends Rule {
        @Override
        JsonNode check(JsonNode v, StringBuilder path, List<InputViolation> out) {
            return v.isBoolean() ? v : wrongType(v, "true or false", path, out);
        }
    }

    static final class Date extends Rule {
        @Override
        JsonNode check(JsonNode v, StringBuilder path, List<InputViolation> out) {
            if (v.isTextual()) {
                try {
                    LocalDate d = LocalDate.parse(v.textValue());
                    if (d.getYear() >= 1 && d.getYear() <= 9999) return v;
                } catch (DateTimeParseException e) {
                    // refused below
                }
            }
            return wrongType(v, "a date written YYYY-MM-DD (years 0001 to 9999)", path, out);
        }
    }

    static final class Timestamp extends Rule {
        @Override
        JsonNode check(JsonNode v, StringBuilder path, List<InputViolation> out) {
            if (v.isTextual()) {
                try {
                    Instant t = OffsetDateTime.parse(v.textValue()).toInstant();
                    if (!t.isBefore(MIN_TIMESTAMP) && !t.isAfter(MAX_TIMESTAMP)) {
                        String canonical = t.toString(); // UTC, Z, 0/3/6/9 fraction digits: proto3 JSON's form too
                        return canonical.equals(v.textValue()) ? v : F.textNode(canonical);
                    }
                } catch (DateTimeParseException e) {
                    // refused below
                }
            }
            return wrongType(v, "an RFC 3339 timestamp with offset between years 0001 and 9999, e.g. 2024-01-31T12:00:00Z", path, out);
        }
    }

    static final class Enumeration extends Rule {
        private final Set<String> values;
        private final String listed;

        Enumeration(List<String> values) {
            this.values = Set.copyOf(values);
            this.listed = String.join(", ", values);
        }

        @Override
        JsonNode check(JsonNode v, StringBuilder path, List<InputViolation> out) {
            if (v.isTextual() && values.contains(v.textValue())) return v;
            return refuse(path, out, "must be one of " + listed + "; got " + quote(v));
        }
    }

    static final class ListOf extends Rule {
        private final Rule element;

        ListOf(Rule element) {
            this.element = element;
        }

        Rule element() {
            return element;
        }

        @Override
        JsonNode check(JsonNode v, StringBuilder path, List<InputViolation> out) {
            if (!v.isArray()) return wrongType(v, "a list", path, out);
            ArrayNode canonical = null; // allocated only when an element changes
            boolean ok = true;
            int mark = path.length();
            for (int i = 0; i < v.size(); i++) {
                JsonNode e = v.get(i);
                path.append('[').append(i).append(']');
                JsonNode c = e.isNull() ? refuse(path, out, "must not be null") : element.check(e, path, out);
                path.setLength(mark);
                if (c == null) {
                    ok = false;
                } else if (c != e && canonical == null) {
                    canonical = F.arrayNode(v.size());
                    for (int j = 0; j < i; j++) canonical.add(v.get(j));
                }
                if (canonical != null && c != null) canonical.add(c);
            }
            return !ok ? null : canonical == null ? v : canonical;
        }
    }

    static final class MapOf extends Rule {
        private final Rule value;

        MapOf(Rule value) {
            this.value = value;
        }

        Rule value() {
            return value;
        }

        @Override
        JsonNode check(JsonNode v, StringBuilder path, List<InputViolation> out) {
            if (!v.isObject()) return wrongType(v, "an object (a map)", path, out);
            ObjectNode canonical = F.objectNode();
            boolean ok = true;
            int mark = path.length();
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                path.append('[').append(F.textNode(e.getKey())).append(']');
                JsonNode c = e.getValue().isNull() ? refuse(path, out, "must not be null") : value.check(e.getValue(), path, out);
                path.setLength(mark);
                if (c == null) ok = false;
                else canonical.set(e.getKey(), c);
            }
            return ok ? canonical : null;
        }
    }

    /**
     * A struct, or the version's inputs as a whole: named members, required ones, defaults, and
     * members it does not know refused, or (for the generated stubs, see InputSchema#forStubs) left out.
     */
    static final class Struct extends Rule {
        /** One member: its name, type, whether it must be given, and its canonical default (or null). */
        record Member(String name, Rule rule, boolean required, JsonNode defaultValue) {
        }

        /** How many member names an unknown-member message lists. */
        private static final int LISTED = 20;

        private final Member[] members;
        private final Map<String, Member> byName = new HashMap<>();
        private final String names;
        private final boolean refuseUnknown;

        Struct(List<Member> members, boolean refuseUnknown) {
            this.refuseUnknown = refuseUnknown;
            this.members = members.toArray(Member[]::new);
            for (Member m : members) byName.put(m.name, m);
            List<String> all = members.stream().map(Member::name).toList();
            this.names = all.isEmpty() ? "none" : all.size() <= LISTED ? String.join(", ", all)
                    : String.join(", ", all.subList(0, LISTED)) + " and " + (all.size() - LISTED) + " more";
        }

        /** The rule of member {@code name}, or null when there is none. */
        Rule member(String name) {
            Member m = byName.get(name);
            return m == null ? null : m.rule;
        }

        @Override
        JsonNode check(JsonNode v, StringBuilder path, List<InputViolation> out) {
            if (!v.isObject()) return wrongType(v, "an object", path, out);
            ObjectNode canonical = F.objectNode();
            int before = out.size();
            int mark = path.length();
            int known = 0;
            for (Member m : members) {
                JsonNode given = v.get(m.name);
                if (given != null) known++;
                member(path, m.name);
                if (given == null || given.isNull()) {
                    if (m.required) refuse(path, out, "is required");
                    else if (m.defaultValue != null) canonical.set(m.name, m.defaultValue.deepCopy());
                } else {
                    JsonNode c = m.rule.check(given, path, out);
                    if (c != null) canonical.set(m.name, c);
                }
                path.setLength(mark);
            }
            if (v.size() > known && refuseUnknown) {
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    if (byName.containsKey(e.getKey())) continue;
                    member(path, e.getKey());
                    refuse(path, out, "is unknown (expected one of: " + names + ")");
                    path.setLength(mark);
                }
            }
            return out.size() > before ? null : canonical;
        }

        private static void member(StringBuilder path, String name) {
            if (path.length() > 0) path.append('.');
            path.append(name);
        }
    }
}
