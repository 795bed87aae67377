package dev.flowctl.compat.rules;

import java.math.BigDecimal;

/** A maximum removed or raised on a named type. */
public final class MaxRaised extends BoundRule {
    public MaxRaised() {
        super("MAX_RAISED", "max", Types::max, false,
                "Removing or raising a type's max is safe for existing callers; an old deployment rejects the newly allowed values.",
                "months: months_1_60 (max 60) -> months: months_1_120 (max 120)");
    }

    @Override
    boolean moved(BigDecimal before, BigDecimal after) {
        return upperAbove(after, before);
    }
}
