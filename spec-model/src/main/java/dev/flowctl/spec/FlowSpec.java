package dev.flowctl.spec;

import java.util.Map;
import java.util.Optional;

/**
 * A flow and the versions of it that should be live side by side (in natural version order).
 *
 * @param protect {@code protect: true} on the flow: once applied, deleting the flow blocks the plan
 */
public record FlowSpec(String name, String owner, String description,
                       CompatibilityMode compatibilityOverride, Map<String, VersionSpec> versions, boolean protect) {
    /** A flow that is not protected. */
    public FlowSpec(String name, String owner, String description, CompatibilityMode compatibilityOverride,
                    Map<String, VersionSpec> versions) {
        this(name, owner, description, compatibilityOverride, versions, false);
    }

    public FlowSpec {
        versions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(versions));
    }

    public Optional<CompatibilityMode> compatibility() {
        return Optional.ofNullable(compatibilityOverride);
    }
}
