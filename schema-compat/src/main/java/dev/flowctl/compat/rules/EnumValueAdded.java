package dev.flowctl.compat.rules;

import dev.flowctl.compat.CompatRule;
import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import dev.flowctl.spec.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Enum values added: existing callers are unaffected; new callers may send what an old deployment rejects. */
public final class EnumValueAdded implements CompatRule {
    @Override
    public String id() {
        return "ENUM_VALUE_ADDED";
    }

    @Override
    public String purpose() {
        return "Adding an enum value is safe for existing callers, but breaks forward compatibility: an old deployment rejects the new value.";
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (!p.kept() || !(p.before().type() instanceof TypeRef.EnumType a) || !(p.after().type() instanceof TypeRef.EnumType b)) {
            return Optional.empty();
        }
        List<String> added = new ArrayList<>(b.values());
        added.removeAll(a.values());
        if (added.isEmpty()) return Optional.empty();
        return Optional.of(new Judgement(a.display(), b.display(),
                "enum value" + (added.size() > 1 ? "s " : " ") + String.join(", ", added) + " added to input '" + p.path() + "'",
                Severity.INFO, Severity.BREAKING));
    }
}
