package dev.flowctl.spec;

import java.util.Map;
import java.util.Optional;

/** A flow and the versions of it that should be live side by side (in natural version order). */
public record FlowSpec(String name, String owner, String description,
                       CompatibilityMode compatibilityOverride, Map<String, VersionSpec> versions) {
    public FlowSpec {
        versions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(versions));
    }

    public Optional<CompatibilityMode> compatibility() {
        return Optional.ofNullable(compatibilityOverride);
    }
}
