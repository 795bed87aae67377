package dev.flowctl.spec;

import java.util.Map;

/** A named environment (dev, stage, prod, or a tenant) overriding state and engine settings. */
public record Environment(String name, Map<String, Object> state, Map<String, Object> engine) {
    public Environment {
        state = Map.copyOf(state);
        engine = Map.copyOf(engine);
    }
}
