package dev.flowctl.compat.rules;

import dev.flowctl.compat.CompatRule;
import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** A new required input: existing callers do not send it. */
public final class InputAddedRequired implements CompatRule {
    @Override
    public String id() {
        return "INPUT_ADDED_REQUIRED";
    }

    @Override
    public String purpose() {
        return "Adding a required input breaks every existing caller, since none of them sends it.";
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (!p.added() || !p.after().required()) return Optional.empty();
        return Optional.of(new Judgement(null, Describe.input(p.after()),
                "required input '" + p.path() + "' added", Severity.BREAKING, Severity.INFO));
    }
}
