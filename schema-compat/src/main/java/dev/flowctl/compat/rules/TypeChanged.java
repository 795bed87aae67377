package dev.flowctl.compat.rules;

import dev.flowctl.compat.CompatRule;
import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import dev.flowctl.spec.TypeRef;
import java.util.Optional;

/** An input's type changed (other than enum values, which have rules of their own). */
public final class TypeChanged implements CompatRule {
    @Override
    public String id() {
        return "TYPE_CHANGED";
    }

    @Override
    public String purpose() {
        return "Changing an input's type breaks callers: values they send in the old type no longer fit the new one.";
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (!p.kept()) return Optional.empty();
        TypeRef a = p.before().type();
        TypeRef b = p.after().type();
        if (a.equals(b) || (a instanceof TypeRef.EnumType && b instanceof TypeRef.EnumType)) return Optional.empty();
        return Optional.of(new Judgement(a.display(), b.display(),
                "type of input '" + p.path() + "' changed from " + a.display() + " to " + b.display(),
                Severity.BREAKING, Severity.BREAKING));
    }
}
