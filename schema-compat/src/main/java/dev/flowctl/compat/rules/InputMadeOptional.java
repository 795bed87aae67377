package dev.flowctl.compat.rules;

import dev.flowctl.compat.CompatRule;
import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** A required input made optional (or given a default): every existing call still works. */
public final class InputMadeOptional implements CompatRule {
    @Override
    public String id() {
        return "INPUT_MADE_OPTIONAL";
    }

    @Override
    public String purpose() {
        return "Making a required input optional, or giving it a default, is safe for existing callers.";
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (!p.kept() || !p.before().required() || p.after().required()) return Optional.empty();
        return Optional.of(new Judgement(Describe.input(p.before()), Describe.input(p.after()),
                "input '" + p.path() + "' changed from required to optional", Severity.INFO, Severity.BREAKING));
    }
}
