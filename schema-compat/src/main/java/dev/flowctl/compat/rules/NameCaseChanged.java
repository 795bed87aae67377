package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** An input or field respelled only in case: a different key to JSON callers and a different proto field name. */
public final class NameCaseChanged extends RuleBase {
    public NameCaseChanged() {
        super("NAME_CASE_CHANGED", Severity.BREAKING, Severity.BREAKING,
                "Changing only the case of an input or struct field name breaks callers on both sides: JSON keys are case-sensitive.",
                "fleetId: { type: string } -> fleetid: { type: string }");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (!p.keptNamed() || p.before().name().equals(p.after().name())) return Optional.empty();
        return found(p.before().name(), p.after().name(),
                Describe.place(p) + " renamed from '" + p.before().name() + "' (only the case changed)");
    }
}
