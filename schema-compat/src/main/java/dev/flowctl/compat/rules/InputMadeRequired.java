package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** An optional input or field made required: callers that left it out now fail. */
public final class InputMadeRequired extends RuleBase {
    public InputMadeRequired() {
        super("INPUT_MADE_REQUIRED", Severity.BREAKING, Severity.INFO,
                "Making an optional input or struct field required breaks callers that leave it out.",
                "months: { type: int } -> months: { type: int, required: true }");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (!p.keptNamed() || p.before().required() || !p.after().required()) return Optional.empty();
        return found(Describe.input(p.before()), Describe.input(p.after()),
                Describe.place(p) + " changed from optional to required");
    }
}
