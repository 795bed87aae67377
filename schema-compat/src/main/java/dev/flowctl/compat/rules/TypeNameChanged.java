package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** A named type swapped for another of the same base (or for the base itself): nothing changes on the wire. */
public final class TypeNameChanged extends RuleBase {
    public TypeNameChanged() {
        super("TYPE_NAME_CHANGED", Severity.INFO, Severity.INFO,
                "Switching between a named type and its base (or another named type of the same base) keeps the wire form; "
                        + "only the constraints can matter, and they have rules of their own.",
                "output: { type: string } -> output: { type: s3_path }");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (!p.kept() || !Types.sameKind(p.beforeType(), p.afterType())) return Optional.empty();
        String a = Types.name(p.beforeType());
        String b = Types.name(p.afterType());
        if (a.equals(b)) return Optional.empty();
        return found(p.beforeType().display(), p.afterType().display(),
                "type of " + Describe.place(p) + " renamed from " + a + " to " + b);
    }
}
