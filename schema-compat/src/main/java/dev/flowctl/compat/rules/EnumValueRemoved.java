package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** Enum values removed: callers sending them are rejected. */
public final class EnumValueRemoved extends RuleBase {
    public EnumValueRemoved() {
        super("ENUM_VALUE_REMOVED", Severity.BREAKING, Severity.INFO,
                "Removing an enum value breaks callers that send it.",
                "mode: enum[fast,full] -> mode: enum[fast]");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        return EnumDiff.of(p).filter(d -> !d.removed().isEmpty()).flatMap(d -> found(p.beforeType().display(), p.afterType().display(),
                "enum " + EnumDiff.list(d.removed()) + " removed from " + Describe.place(p)));
    }
}
