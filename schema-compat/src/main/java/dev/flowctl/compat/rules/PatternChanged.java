package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** A pattern replaced by another: whether one accepts all the other does is undecidable in general, so it is treated as breaking. */
public final class PatternChanged extends RuleBase {
    public PatternChanged() {
        super("PATTERN_CHANGED", Severity.BREAKING, Severity.BREAKING,
                "Changing a pattern may reject values callers send on either side; flowctl cannot prove one pattern accepts all the other does.",
                "output: pattern ^s3://.*$ -> pattern ^s3://prod-.*$");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (!p.kept() || !Types.sameKind(p.beforeType(), p.afterType())) return Optional.empty();
        String a = Types.pattern(p.beforeType());
        String b = Types.pattern(p.afterType());
        if (a == null || b == null || a.equals(b)) return Optional.empty();
        return found("pattern " + a, "pattern " + b, "pattern of " + Describe.place(p) + " changed from " + a + " to " + b);
    }
}
