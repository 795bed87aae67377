package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** Enum values added: existing callers are unaffected; new callers may send what an old deployment rejects. */
public final class EnumValueAdded extends RuleBase {
    public EnumValueAdded() {
        super("ENUM_VALUE_ADDED", Severity.INFO, Severity.BREAKING,
                "Adding an enum value is safe for existing callers, but breaks forward compatibility: an old deployment rejects the new value.",
                "mode: enum[fast,full] -> mode: enum[fast,full,debug]");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        return EnumDiff.of(p).filter(d -> !d.added().isEmpty()).flatMap(d -> found(p.beforeType().display(), p.afterType().display(),
                "enum " + EnumDiff.list(d.added()) + " added to " + Describe.place(p)));
    }
}
