package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** A default taken away: callers that leave the input out now get no value. */
public final class DefaultRemoved extends DefaultRule {
    public DefaultRemoved() {
        super("DEFAULT_REMOVED", Severity.WARNING, Severity.INFO,
                "Removing an optional input's default keeps every call valid, but callers that leave it out now get no value: a behaviour change.",
                "months: { type: int, default: 24 } -> months: { type: int }");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (!defaultsDiffer(p) || p.after().hasDefault()) return Optional.empty();
        return found(Describe.input(p.before()), Describe.input(p.after()),
                "default of " + Describe.place(p) + " removed; callers that leave it out now get no value");
    }
}
