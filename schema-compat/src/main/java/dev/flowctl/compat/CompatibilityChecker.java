package dev.flowctl.compat;

import dev.flowctl.spec.CompatibilityMode;
import dev.flowctl.spec.InputSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pairs the inputs of two schemas (recursively, see {@link SchemaPairing}) and runs every
 * registered rule on every pair.
 */
public final class CompatibilityChecker {
    private final List<CompatRule> rules;

    public CompatibilityChecker() {
        this(RuleRegistry.all());
    }

    public CompatibilityChecker(List<CompatRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Every finding from {@code deployed} to {@code desired}: parents before their children,
     * siblings by name, and on one path in registry order.
     */
    public List<Finding> check(List<InputSpec> deployed, List<InputSpec> desired, CompatibilityMode mode) {
        return check(deployed, desired, mode, pair -> null);
    }

    /** Where in flows.yaml the desired side of a pair is written; null for nowhere. */
    @FunctionalInterface
    public interface Locator {
        dev.flowctl.spec.SourcePosition locate(InputPair pair);
    }

    /** As {@link #check(List, List, CompatibilityMode)}, each finding placed where {@code locator} says its pair is. */
    public List<Finding> check(List<InputSpec> deployed, List<InputSpec> desired, CompatibilityMode mode, Locator locator) {
        List<Finding> findings = new ArrayList<>();
        for (InputPair pair : SchemaPairing.pairs(deployed, desired)) {
            dev.flowctl.spec.SourcePosition position = null;
            boolean located = false;
            for (CompatRule rule : rules) {
                Optional<Judgement> j = rule.judge(pair);
                if (j.isPresent()) {
                    Judgement v = j.get();
                    if (!located) {
                        position = locator.locate(pair);
                        located = true;
                    }
                    findings.add(new Finding(pair.path(), rule.id(), severity(v.backward(), v.forward(), mode),
                            v.before(), v.after(), v.message(), position));
                }
            }
        }
        return findings;
    }

    /** The highest severity among the findings, {@link Severity#NONE} when there are none. */
    public static Severity verdict(List<Finding> findings) {
        return findings.stream().map(Finding::severity).reduce(Severity.NONE, Severity::max);
    }

    /**
     * A change's severity under a mode. {@code none} still lists every change, but at most as
     * information, so nothing ever blocks.
     */
    public static Severity severity(Severity backward, Severity forward, CompatibilityMode mode) {
        return switch (mode) {
            case BACKWARD -> backward;
            case FORWARD -> forward;
            case FULL -> Severity.max(backward, forward);
            case NONE -> backward == Severity.NONE && forward == Severity.NONE ? Severity.NONE : Severity.INFO;
        };
    }
}
