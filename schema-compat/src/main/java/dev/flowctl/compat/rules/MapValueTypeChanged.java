package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;

/** The value type of a map changed kind. */
public final class MapValueTypeChanged extends TypeKindRule {
    public MapValueTypeChanged() {
        super("MAP_VALUE_TYPE_CHANGED",
                "Changing the value type of a map breaks callers: the values they send no longer fit.",
                "weights: map<string,float> -> weights: map<string,string>", InputPair.Scope.MAP_VALUE);
    }
}
