package dev.flowctl.compat;

import dev.flowctl.spec.CompatibilityMode;
import java.util.Optional;

/**
 * One compatibility rule. The framework pairs inputs; a rule only decides about one pair and
 * words its finding. IDs are stable: never renamed, only deprecated with a replacement.
 */
public interface CompatRule {
    /** Stable SCREAMING_SNAKE identifier, e.g. {@code INPUT_ADDED_REQUIRED}. */
    String id();

    /** One sentence saying what the rule checks and why. */
    String purpose();

    /** A short example of a change it reports, e.g. {@code months: int -> months: string}. */
    String example();

    /** The worst severity its findings can have for callers of the deployed schema. */
    Severity backward();

    /** The worst severity its findings can have for callers of the new schema reaching the old deployment. */
    Severity forward();

    /** The finding for this pair, or empty when the rule does not apply to it. */
    Optional<Judgement> judge(InputPair pair);

    /** The worst severity the rule can reach under a mode; docs and {@code flowctl rules} show it. */
    default Severity worstUnder(CompatibilityMode mode) {
        return Severity.under(mode, backward(), forward());
    }
}
