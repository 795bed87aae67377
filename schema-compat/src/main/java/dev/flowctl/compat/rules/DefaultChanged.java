package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** A default changed on an optional input whose type kind stays (a type change is judged on its own). */
public final class DefaultChanged extends DefaultRule {
    public DefaultChanged() {
        super("DEFAULT_CHANGED", Severity.WARNING, Severity.WARNING,
                "Changing an optional input's default keeps every call valid but changes what callers that leave it out get.",
                "months: { type: int, default: 24 } -> months: { type: int, default: 12 }");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (!defaultsDiffer(p) || !p.before().hasDefault() || !p.after().hasDefault()) return Optional.empty();
        return found(Describe.input(p.before()), Describe.input(p.after()),
                "default of " + Describe.place(p) + " changed from " + Describe.value(p.before().defaultValue()) + " to "
                        + Describe.value(p.after().defaultValue()) + "; callers that leave it out now behave differently");
    }
}
