package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;

/** An input's or struct field's type changed kind (enum values and constraints have rules of their own). */
public final class TypeChanged extends TypeKindRule {
    public TypeChanged() {
        super("TYPE_CHANGED",
                "Changing an input's or struct field's type (int to float included: no widening changes the wire) breaks callers: "
                        + "values they send in the old type no longer fit the new one.",
                "months: { type: int } -> months: { type: float }", InputPair.Scope.INPUT, InputPair.Scope.FIELD);
    }
}
