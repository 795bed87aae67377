package dev.flowctl.compat.rules;

import java.math.BigDecimal;

/** A minimum added or raised on a named type. */
public final class MinRaised extends BoundRule {
    public MinRaised() {
        super("MIN_RAISED", "min", Types::min, true,
                "Adding or raising a type's min rejects values old callers may send.",
                "months: int -> months: months_1_120 (min 1)");
    }

    @Override
    boolean moved(BigDecimal before, BigDecimal after) {
        return lowerBelow(before, after);
    }
}
