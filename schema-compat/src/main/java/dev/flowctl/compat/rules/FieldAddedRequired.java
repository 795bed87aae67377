package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** A new required field in a struct: existing callers send the struct without it. */
public final class FieldAddedRequired extends RuleBase {
    public FieldAddedRequired() {
        super("FIELD_ADDED_REQUIRED", Severity.BREAKING, Severity.INFO,
                "Adding a required field to a struct breaks every existing caller that sends the struct, since none of them sets the field.",
                "window: struct{start} -> window: struct{start, end (required)}");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (p.scope() != InputPair.Scope.FIELD || !p.added() || !p.after().required()) return Optional.empty();
        return found(null, Describe.input(p.after()), "required field '" + p.path() + "' added");
    }
}
