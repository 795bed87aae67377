package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** A required input or field made optional (or given a default): every existing call still works. */
public final class InputMadeOptional extends RuleBase {
    public InputMadeOptional() {
        super("INPUT_MADE_OPTIONAL", Severity.INFO, Severity.BREAKING,
                "Making a required input or struct field optional, or giving it a default, is safe for existing callers; "
                        + "new callers that leave it out fail against the old deployment.",
                "fleet_id: { type: string, required: true } -> fleet_id: { type: string }");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (!p.keptNamed() || !p.before().required() || p.after().required()) return Optional.empty();
        return found(Describe.input(p.before()), Describe.input(p.after()),
                Describe.place(p) + " changed from required to optional");
    }
}
