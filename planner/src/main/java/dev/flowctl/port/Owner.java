package dev.flowctl.port;

import java.util.Objects;

/**
 * Who a deployment belongs to: one project in one environment. flowctl changes and deletes only
 * engine objects marked with their owner, so two environments sharing an account never touch
 * each other's deployments.
 *
 * @param environment the named environment ({@code -e prod}), or null for the default one
 */
public record Owner(String project, String environment) {
    public Owner {
        Objects.requireNonNull(project, "project");
        if (environment != null && environment.isBlank()) environment = null;
    }

    /** The default environment of a project. */
    public static Owner of(String project) {
        return new Owner(project, null);
    }

    /** For messages: "project risk" or "project risk, environment prod". */
    public String describe() {
        return "project " + project + (environment == null ? "" : ", environment " + environment);
    }

    @Override
    public String toString() {
        return describe();
    }
}
