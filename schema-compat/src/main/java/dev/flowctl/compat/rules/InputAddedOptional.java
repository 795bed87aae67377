package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** A new optional input, or one with a default: existing callers keep working. */
public final class InputAddedOptional extends RuleBase {
    public InputAddedOptional() {
        super("INPUT_ADDED_OPTIONAL", Severity.INFO, Severity.INFO,
                "Adding an optional input, or one with a default, is safe: callers that leave it out keep working.",
                "(absent) -> region: { type: string, default: eu }");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (p.scope() != InputPair.Scope.INPUT || !p.added() || p.after().required()) return Optional.empty();
        return found(null, Describe.input(p.after()), "optional input '" + p.path() + "' added");
    }
}
