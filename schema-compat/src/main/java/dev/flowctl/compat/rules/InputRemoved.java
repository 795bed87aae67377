package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** An input removed: old callers' values are ignored; its proto field number is reserved. */
public final class InputRemoved extends RuleBase {
    public InputRemoved() {
        super("INPUT_REMOVED", Severity.INFO, Severity.BREAKING,
                "Removing an input is safe for existing callers (what they still send is ignored and its proto field number is reserved), "
                        + "but breaks forward compatibility when the input was required.",
                "months: { type: int } -> (absent)");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (p.scope() != InputPair.Scope.INPUT || !p.removed()) return Optional.empty();
        return Optional.of(new Judgement(Describe.input(p.before()), null, "input '" + p.path() + "' removed",
                Severity.INFO, p.before().required() ? Severity.BREAKING : Severity.INFO));
    }
}
