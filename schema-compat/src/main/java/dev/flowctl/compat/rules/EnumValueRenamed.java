package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;
import java.util.stream.Collectors;

/** An enum value replaced in place or respelled: old callers send the old spelling, new callers the new. */
public final class EnumValueRenamed extends RuleBase {
    public EnumValueRenamed() {
        super("ENUM_VALUE_RENAMED", Severity.BREAKING, Severity.BREAKING,
                "Renaming an enum value (even only its case) breaks callers on both sides: JSON and proto JSON send values by name.",
                "mode: enum[fast,full] -> mode: enum[fast,complete]");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        return EnumDiff.of(p).filter(d -> !d.renamed().isEmpty()).flatMap(d -> found(p.beforeType().display(), p.afterType().display(),
                "enum value" + (d.renamed().size() > 1 ? "s " : " ")
                        + d.renamed().entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue()).collect(Collectors.joining(", "))
                        + " renamed in " + Describe.place(p)));
    }
}
