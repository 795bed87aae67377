package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/** A pattern now constrains a string that had none (base type to named type, or a type gaining a pattern). */
public final class PatternAdded extends RuleBase {
    public PatternAdded() {
        super("PATTERN_ADDED", Severity.BREAKING, Severity.INFO,
                "Adding a pattern to a string input (e.g. string to a named type with a pattern) rejects values old callers may send.",
                "output: string -> output: s3_path (pattern ^s3://.*$)");
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (!p.kept() || !Types.sameKind(p.beforeType(), p.afterType())) return Optional.empty();
        String a = Types.pattern(p.beforeType());
        String b = Types.pattern(p.afterType());
        if (a != null || b == null) return Optional.empty();
        return found("no pattern", "pattern " + b, "pattern " + b + " added to " + Describe.place(p) + "; values callers may send are now rejected");
    }
}
