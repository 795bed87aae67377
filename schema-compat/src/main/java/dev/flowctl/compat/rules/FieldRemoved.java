package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** A struct field removed: like an input, ignored when sent; its field number is reserved. */
public final class FieldRemoved extends RuleBase {
    public FieldRemoved() {
        super("FIELD_REMOVED", Severity.INFO, Severity.BREAKING,
                "Removing a struct field is safe for existing callers (what they still send is ignored and its proto field number is reserved), "
                        + "but breaks forward compatibility when the field was required.",
                "window: struct{start, end} -> window: struct{start}");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (p.scope() != InputPair.Scope.FIELD || !p.removed()) return Optional.empty();
        return Optional.of(new Judgement(Describe.input(p.before()), null, "field '" + p.path() + "' removed",
                Severity.INFO, p.before().required() ? Severity.BREAKING : Severity.INFO));
    }
}
