package dev.flowctl.compat;

import dev.flowctl.spec.InputSpec;

/**
 * One input matched by name between the deployed schema ({@code before}) and the desired one
 * ({@code after}); either side is null when the input was added or removed.
 *
 * @param path where the input sits, e.g. {@code months} or {@code window.start}
 */
public record InputPair(String path, InputSpec before, InputSpec after) {
    public boolean added() {
        return before == null && after != null;
    }

    public boolean removed() {
        return before != null && after == null;
    }

    public boolean kept() {
        return before != null && after != null;
    }
}
