package dev.flowctl.compat.rules;

import java.math.BigDecimal;

/** A minimum removed or lowered on a named type. */
public final class MinLowered extends BoundRule {
    public MinLowered() {
        super("MIN_LOWERED", "min", Types::min, false,
                "Removing or lowering a type's min is safe for existing callers; an old deployment rejects the newly allowed values.",
                "months: months_1_120 (min 1) -> months: int");
    }

    @Override
    boolean moved(BigDecimal before, BigDecimal after) {
        return lowerBelow(after, before);
    }
}
