package dev.flowctl.compat.rules;

import dev.flowctl.compat.CompatRule;
import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import dev.flowctl.spec.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Enum values removed: callers sending them are rejected. */
public final class EnumValueRemoved implements CompatRule {
    @Override
    public String id() {
        return "ENUM_VALUE_REMOVED";
    }

    @Override
    public String purpose() {
        return "Removing an enum value breaks callers that send it.";
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (!p.kept() || !(p.before().type() instanceof TypeRef.EnumType a) || !(p.after().type() instanceof TypeRef.EnumType b)) {
            return Optional.empty();
        }
        List<String> gone = new ArrayList<>(a.values());
        gone.removeAll(b.values());
        if (gone.isEmpty()) return Optional.empty();
        return Optional.of(new Judgement(a.display(), b.display(),
                "enum value" + (gone.size() > 1 ? "s " : " ") + String.join(", ", gone) + " removed from input '" + p.path() + "'",
                Severity.BREAKING, Severity.INFO));
    }
}
