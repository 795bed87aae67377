package dev.flowctl.compat.rules;

import java.math.BigDecimal;

/** A maximum added or lowered on a named type. */
public final class MaxLowered extends BoundRule {
    public MaxLowered() {
        super("MAX_LOWERED", "max", Types::max, true,
                "Adding or lowering a type's max rejects values old callers may send.",
                "months: months_1_120 (max 120) -> months: months_1_60 (max 60)");
    }

    @Override
    boolean moved(BigDecimal before, BigDecimal after) {
        return upperAbove(before, after);
    }
}
