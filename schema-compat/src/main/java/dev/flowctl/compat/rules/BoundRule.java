package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Function;
import dev.flowctl.spec.TypeRef;

/**
 * A numeric bound of a named type moved. Tightening (min raised or added, max lowered or added)
 * rejects values old callers may send; relaxing lets new callers send what an old deployment rejects.
 */
abstract class BoundRule extends RuleBase {
    private final String bound;
    private final Function<TypeRef, BigDecimal> read;
    private final boolean tightening;

    BoundRule(String id, String bound, Function<TypeRef, BigDecimal> read, boolean tightening, String purpose, String example) {
        super(id, tightening ? Severity.BREAKING : Severity.INFO, tightening ? Severity.INFO : Severity.BREAKING, purpose, example);
        this.bound = bound;
        this.read = read;
        this.tightening = tightening;
    }

    /** Whether moving from {@code before} to {@code after} (null: no bound) is this rule's direction. */
    abstract boolean moved(BigDecimal before, BigDecimal after);

    @Override
    public final Optional<Judgement> judge(InputPair p) {
        if (!p.kept() || !Types.sameKind(p.beforeType(), p.afterType())) return Optional.empty();
        BigDecimal a = read.apply(p.beforeType());
        BigDecimal b = read.apply(p.afterType());
        if ((a == null && b == null) || (a != null && b != null && a.compareTo(b) == 0) || !moved(a, b)) return Optional.empty();
        return found(bound + " " + Types.bound(a), bound + " " + Types.bound(b),
                bound + " of " + Describe.place(p) + " moved from " + Types.bound(a) + " to " + Types.bound(b)
                        + (tightening ? "; values callers may send are now rejected" : "; an old deployment rejects the newly allowed values"));
    }

    /** Null-safe "x is less than y", where a missing lower bound is minus infinity. */
    static boolean lowerBelow(BigDecimal x, BigDecimal y) {
        if (x == null) return y != null;
        return y != null && x.compareTo(y) < 0;
    }

    /** Null-safe "x is greater than y", where a missing upper bound is plus infinity. */
    static boolean upperAbove(BigDecimal x, BigDecimal y) {
        if (x == null) return y != null;
        return y != null && x.compareTo(y) > 0;
    }
}
