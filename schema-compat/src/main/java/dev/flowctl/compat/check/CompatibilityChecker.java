package dev.flowctl.compat.check;

import dev.flowctl.compat.CompatRule;
import dev.flowctl.compat.Finding;
import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
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
                    findings.add(new Finding(pair.path(), rule.id(), Severity.under(mode, v.backward(), v.forward()),
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
}
