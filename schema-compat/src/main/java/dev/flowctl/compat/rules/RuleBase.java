package dev.flowctl.compat.rules;

import dev.flowctl.compat.CompatRule;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** The fixed description of a rule (ID, purpose, example, worst severities), so each rule class only judges. */
abstract class RuleBase implements CompatRule {
    private final String id;
    private final String purpose;
    private final String example;
    private final Severity backward;
    private final Severity forward;

    RuleBase(String id, Severity backward, Severity forward, String purpose, String example) {
        this.id = id;
        this.purpose = purpose;
        this.example = example;
        this.backward = backward;
        this.forward = forward;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String purpose() {
        return purpose;
    }

    @Override
    public final String example() {
        return example;
    }

    @Override
    public final Severity backward() {
        return backward;
    }

    @Override
    public final Severity forward() {
        return forward;
    }

    /** A finding at this rule's worst severities. */
    final Optional<Judgement> found(String before, String after, String message) {
        return Optional.of(new Judgement(before, after, message, backward, forward));
    }

    @Override
    public String toString() {
        return id;
    }
}
