package dev.flowctl.gateway.security;

import java.util.List;
import java.util.Set;

/**
 * One entry of the token file: the caller's name (what logs and errors show — never the token) and
 * what it may start: flow versions matching one of {@code flows}, or any version of a flow whose owner
 * is in {@code owners}. An entry with neither may start nothing (deny by default).
 */
public record TokenGrant(String name, List<FlowPattern> flows, Set<String> owners) {
    public TokenGrant {
        flows = List.copyOf(flows);
        owners = Set.copyOf(owners);
    }

    /** True when this caller may start {@code flow@version}, whose owner in state is {@code owner} (may be null). */
    public boolean permits(String flow, String version, String owner) {
        if (owner != null && owners.contains(owner)) return true;
        for (FlowPattern p : flows) {
            if (p.matches(flow, version)) return true;
        }
        return false;
    }
}
