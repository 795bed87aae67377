package dev.flowctl.compat.rules;

import dev.flowctl.compat.CompatRule;
import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** An optional input made required: callers that left it out now fail. */
public final class InputMadeRequired implements CompatRule {
    @Override
    public String id() {
        return "INPUT_MADE_REQUIRED";
    }

    @Override
    public String purpose() {
        return "Making an optional input required breaks callers that leave it out.";
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (!p.kept() || p.before().required() || !p.after().required()) return Optional.empty();
        return Optional.of(new Judgement(Describe.input(p.before()), Describe.input(p.after()),
                "input '" + p.path() + "' changed from optional to required", Severity.BREAKING, Severity.INFO));
    }
}
