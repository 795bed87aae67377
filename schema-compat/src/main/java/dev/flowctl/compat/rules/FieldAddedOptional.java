package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** A new optional struct field: callers that leave it out keep working. */
public final class FieldAddedOptional extends RuleBase {
    public FieldAddedOptional() {
        super("FIELD_ADDED_OPTIONAL", Severity.INFO, Severity.INFO,
                "Adding an optional field to a struct, or one with a default, is safe: callers that leave it out keep working.",
                "window: struct{start} -> window: struct{start, end}");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (p.scope() != InputPair.Scope.FIELD || !p.added() || p.after().required()) return Optional.empty();
        return found(null, Describe.input(p.after()), "optional field '" + p.path() + "' added");
    }
}
