package dev.flowctl.compat;

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

    /** The finding for this pair, or empty when the rule does not apply to it. */
    Optional<Judgement> judge(InputPair pair);
}
