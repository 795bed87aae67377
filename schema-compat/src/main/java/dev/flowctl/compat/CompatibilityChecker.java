package dev.flowctl.compat;

import dev.flowctl.spec.CompatibilityMode;
import dev.flowctl.spec.InputSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Pairs the inputs of two schemas by name and runs every registered rule on every pair. */
public final class CompatibilityChecker {
    private final List<CompatRule> rules;

    public CompatibilityChecker() {
        this(RuleRegistry.all());
    }

    public CompatibilityChecker(List<CompatRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Every finding from {@code deployed} to {@code desired}, ordered by path then rule ID. */
    public List<Finding> check(List<InputSpec> deployed, List<InputSpec> desired, CompatibilityMode mode) {
        List<Finding> findings = new ArrayList<>();
        for (InputPair pair : pairs(deployed, desired)) {
            for (CompatRule rule : rules) {
                Optional<Judgement> j = rule.judge(pair);
                j.ifPresent(v -> findings.add(new Finding(pair.path(), rule.id(), severity(v, mode), v.before(), v.after(), v.message())));
            }
        }
        findings.sort(Comparator.comparing(Finding::path).thenComparing(Finding::ruleId));
        return findings;
    }

    /** The highest severity among the findings, {@link Severity#NONE} when there are none. */
    public static Severity verdict(List<Finding> findings) {
        return findings.stream().map(Finding::severity).reduce(Severity.NONE, Severity::max);
    }

    static Severity severity(Judgement j, CompatibilityMode mode) {
        return switch (mode) {
            case BACKWARD -> j.backward();
            case FORWARD -> j.forward();
            case FULL -> Severity.max(j.backward(), j.forward());
            case NONE -> j.backward() == Severity.NONE && j.forward() == Severity.NONE ? Severity.NONE : Severity.INFO;
        };
    }

    private static List<InputPair> pairs(List<InputSpec> deployed, List<InputSpec> desired) {
        Map<String, InputSpec> before = byName(deployed);
        Map<String, InputSpec> after = byName(desired);
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<InputPair> pairs = new ArrayList<>();
        for (String name : names) pairs.add(new InputPair(name, before.get(name), after.get(name)));
        return pairs;
    }

    private static Map<String, InputSpec> byName(List<InputSpec> inputs) {
        Map<String, InputSpec> map = new LinkedHashMap<>();
        for (InputSpec i : inputs) map.put(i.name(), i);
        return map;
    }
}
