package dev.flowctl.compat.rules;

import dev.flowctl.compat.CompatRule;
import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** A new optional input, or one with a default: existing callers keep working. */
public final class InputAddedOptional implements CompatRule {
    @Override
    public String id() {
        return "INPUT_ADDED_OPTIONAL";
    }

    @Override
    public String purpose() {
        return "Adding an optional input, or one with a default, is safe: callers that leave it out keep working.";
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (!p.added() || p.after().required()) return Optional.empty();
        return Optional.of(new Judgement(null, Describe.input(p.after()),
                "optional input '" + p.path() + "' added", Severity.INFO, Severity.INFO));
    }
}
