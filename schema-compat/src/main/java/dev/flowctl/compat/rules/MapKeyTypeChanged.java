package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;

/** The key type of a map changed kind (flows.yaml allows only string keys today; recorded schemas may differ). */
public final class MapKeyTypeChanged extends TypeKindRule {
    public MapKeyTypeChanged() {
        super("MAP_KEY_TYPE_CHANGED",
                "Changing the key type of a map breaks callers: the keys they send no longer fit.",
                "weights: map<string,float> -> weights: map<int,float>", InputPair.Scope.MAP_KEY);
    }
}
