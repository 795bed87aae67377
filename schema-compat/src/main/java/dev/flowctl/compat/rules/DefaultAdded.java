package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** A default given to an optional input: old calls still work, and now get a value where they got none. */
public final class DefaultAdded extends DefaultRule {
    public DefaultAdded() {
        super("DEFAULT_ADDED", Severity.INFO, Severity.WARNING,
                "Giving an optional input a default keeps every call valid; new callers that rely on it get no value from an old deployment.",
                "months: { type: int } -> months: { type: int, default: 24 }");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (!defaultsDiffer(p) || p.before().hasDefault()) return Optional.empty();
        return found(Describe.input(p.before()), Describe.input(p.after()), "default of " + Describe.place(p) + " added");
    }
}
