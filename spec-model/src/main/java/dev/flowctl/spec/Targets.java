package dev.flowctl.spec;

import dev.flowctl.errors.ErrorCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which flow versions a command works on, from {@code --target} and {@code --exclude} patterns
 * (Terraform's {@code -target}, OpenTofu's {@code -exclude}): a version is selected when some
 * target matches it (or there are no targets) and no exclude does. A pattern is {@code flow} (all
 * its versions) or {@code flow@version}; {@code *} matches any run of characters and {@code ?} one,
 * both within a name, never across the {@code @}. Plan, apply, drift and codegen share this one rule.
 *
 * @param include the --target patterns, as given (empty: every version)
 * @param exclude the --exclude patterns, as given
 */
public record Targets(List<String> include, List<String> exclude) {
    /** No patterns: every version. */
    public static final Targets ALL = new Targets(List.of(), List.of());

    private static final Pattern SYNTAX = Pattern.compile("[a-z0-9_*?]+(@[a-z0-9_*?]+)?");

    public Targets {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        for (String p : include) requireSyntax("--target", p);
        for (String p : exclude) requireSyntax("--exclude", p);
    }

    /** The patterns as given; null lists (an option never given) mean none. */
    public static Targets of(List<String> include, List<String> exclude) {
        return new Targets(include == null ? List.of() : include, exclude == null ? List.of() : exclude);
    }

    /** True when no pattern narrows the selection: the command works on everything. */
    public boolean all() {
        return include.isEmpty() && exclude.isEmpty();
    }

    /** Whether {@code address} is selected. */
    public boolean matches(FlowVersionAddress address) {
        if (!include.isEmpty() && include.stream().noneMatch(p -> matches(p, address))) return false;
        return exclude.stream().noneMatch(p -> matches(p, address));
    }

    /** Whether some version of {@code flow} could be selected: false only when the flow is excluded or untargeted as a whole. */
    public boolean mayMatchFlow(String flow) {
        if (!include.isEmpty() && include.stream().noneMatch(p -> glob(flowPart(p), flow))) return false;
        return exclude.stream().noneMatch(p -> p.indexOf('@') < 0 && glob(p, flow));
    }

    /**
     * Refuses a pattern that selects nothing among {@code known} (the versions in flows.yaml and, for
     * commands that read it, state): a typo must not quietly plan nothing, as Terraform's -target does.
     *
     * @param where what {@code known} holds, for the message, e.g. "flows.yaml or state"
     */
    public void requireMatches(Collection<FlowVersionAddress> known, String where) {
        for (String p : include) requireMatch("--target", p, known, where);
        for (String p : exclude) requireMatch("--exclude", p, known, where);
    }

    /** "--target fleet_* --exclude fleet_b@v1", for the warnings a partial plan prints. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        include.forEach(p -> parts.add("--target " + p));
        exclude.forEach(p -> parts.add("--exclude " + p));
        return String.join(" ", parts);
    }

    private static void requireMatch(String option, String pattern, Collection<FlowVersionAddress> known, String where) {
        if (known.stream().anyMatch(a -> matches(pattern, a))) return;
        throw new TargetException(option + " '" + pattern + "' matches no flow version in " + where + close(pattern, known)
                + "; check the spelling: flow or flow@version, with * and ? within a name.");
    }

    /** The names a user probably meant: the versions of a flow that matched, else flows within a few edits. */
    private static String close(String pattern, Collection<FlowVersionAddress> known) {
        Map<String, Set<String>> versions = new TreeMap<>();
        known.forEach(a -> versions.computeIfAbsent(a.flow(), f -> new TreeSet<>(VersionOrder::compare)).add(a.version()));
        String flowPart = flowPart(pattern);
        List<String> flows = versions.keySet().stream().filter(f -> glob(flowPart, f)).toList();
        if (!flows.isEmpty()) {
            return " (" + String.join("; ", flows.stream().limit(3).map(f -> f + " has " + String.join(", ", versions.get(f))).toList()) + ")";
        }
        String literal = flowPart.replace("*", "").replace("?", "");
        int allowed = Math.max(2, literal.length() / 3);
        List<String> near = versions.keySet().stream()
                .filter(f -> Problems.boundedDistance(literal, f, allowed) <= allowed || (!literal.isEmpty() && f.contains(literal)))
                .sorted(Comparator.comparingInt((String f) -> Problems.boundedDistance(literal, f, allowed)).thenComparing(f -> f))
                .limit(3).toList();
        if (!near.isEmpty()) return " (did you mean " + String.join(" or ", near) + "?)";
        if (versions.isEmpty()) return " (there are none)";
        List<String> some = versions.keySet().stream().limit(5).toList();
        return " (it holds " + String.join(", ", some) + (versions.size() > some.size() ? " and " + (versions.size() - some.size()) + " more" : "") + ")";
    }

    private static boolean matches(String pattern, FlowVersionAddress a) {
        int at = pattern.indexOf('@');
        if (at < 0) return glob(pattern, a.flow());
        return glob(pattern.substring(0, at), a.flow()) && glob(pattern.substring(at + 1), a.version());
    }

    private static String flowPart(String pattern) {
        int at = pattern.indexOf('@');
        return at < 0 ? pattern : pattern.substring(0, at);
    }

    /** Glob match of a name: {@code *} any run, {@code ?} one character; iterative, so no pattern backtracks exponentially. */
    static boolean glob(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int resume = 0;
        while (n < name.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))) {
                p++;
                n++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = n;
            } else if (star >= 0) {
                p = star + 1;
                n = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') p++;
        return p == pattern.length();
    }

    private static void requireSyntax(String option, String pattern) {
        if (pattern == null || !SYNTAX.matcher(pattern).matches()) {
            throw new TargetException(option + " '" + pattern + "' is not a flow version pattern; write flow or flow@version, "
                    + "lowercase, with * or ? as wildcards within a name, e.g. fleet_* or fleet_features@v2.");
        }
    }

    /** A --target or --exclude that is malformed or selects nothing; the message is one sentence for the user. */
    public static final class TargetException extends RuntimeException implements dev.flowctl.errors.CodedError {
        TargetException(String message) {
            super(message);
        }

        @Override
        public ErrorCode code() {
            return ErrorCode.TARGET_PATTERN;
        }
    }
}
