package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** A new required input: existing callers do not send it. */
public final class InputAddedRequired extends RuleBase {
    public InputAddedRequired() {
        super("INPUT_ADDED_REQUIRED", Severity.BREAKING, Severity.INFO,
                "Adding a required input breaks every existing caller, since none of them sends it.",
                "(absent) -> region: { type: string, required: true }");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (p.scope() != InputPair.Scope.INPUT || !p.added() || !p.after().required()) return Optional.empty();
        return found(null, Describe.input(p.after()), "required input '" + p.path() + "' added");
    }
}
