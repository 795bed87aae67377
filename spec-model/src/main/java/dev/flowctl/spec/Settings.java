package dev.flowctl.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A block of backend or engine settings ({@code state:} or {@code engine:}), kept as plain
 * values so each backend or engine adapter validates its own keys.
 */
public record Settings(Map<String, Object> values) {
    public Settings {
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static Settings empty() {
        return new Settings(Map.of());
    }

    public Optional<String> string(String key) {
        Object v = values.get(key);
        return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
    }

    /** These settings with every key of {@code overrides} replacing ours. */
    public Settings merge(Map<String, Object> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides);
        return new Settings(merged);
    }
}
