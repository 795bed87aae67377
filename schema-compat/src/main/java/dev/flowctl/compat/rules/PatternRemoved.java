package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** A pattern dropped from a string (named type back to its base): anything the old accepted still passes. */
public final class PatternRemoved extends RuleBase {
    public PatternRemoved() {
        super("PATTERN_REMOVED", Severity.INFO, Severity.BREAKING,
                "Removing a pattern is safe for existing callers; an old deployment rejects the newly allowed values.",
                "output: s3_path (pattern ^s3://.*$) -> output: string");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (!p.kept() || !Types.sameKind(p.beforeType(), p.afterType())) return Optional.empty();
        String a = Types.pattern(p.beforeType());
        String b = Types.pattern(p.afterType());
        if (a == null || b != null) return Optional.empty();
        return found("pattern " + a, "no pattern", "pattern " + a + " removed from " + Describe.place(p));
    }
}
