package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** Enum values reordered: callers send names, and proto enum numbers come from flows.lock, not from position. */
public final class EnumOrderChanged extends RuleBase {
    public EnumOrderChanged() {
        super("ENUM_ORDER_CHANGED", Severity.INFO, Severity.INFO,
                "Reordering enum values breaks nobody: callers send names, and generated proto enum numbers are kept in flows.lock, not taken from the order.",
                "mode: enum[fast,full] -> mode: enum[full,fast]");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        return EnumDiff.of(p).filter(EnumDiff::reordered).flatMap(d -> found(p.beforeType().display(), p.afterType().display(),
                "values of enum " + Describe.place(p) + " reordered"));
    }
}
