package dev.flowctl.plan;

import dev.flowctl.spec.Deprecation;
import dev.flowctl.state.Protection;
import java.util.EnumSet;
import java.util.Set;

/**
 * What apply records in state beside a deployment: the version's {@code protect:} flags and its
 * {@code deprecated:} block. Protection is read from state, never from flows.yaml, when a deletion is
 * planned, so removing the flag and the version in one change is still refused.
 *
 * @param protect    where {@code protect: true} covers the version (empty: unprotected)
 * @param deprecated its {@code deprecated:} block, or null
 */
public record VersionGuards(Set<Protection> protect, Deprecation deprecated) {
    public static final VersionGuards NONE = new VersionGuards(Set.of(), null);

    public VersionGuards {
        protect = protect == null || protect.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(protect));
    }
}
