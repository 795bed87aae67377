package dev.flowctl.engine;

import dev.flowctl.plan.ContentHasher;
import dev.flowctl.spec.FlowVersionAddress;
import java.util.regex.Pattern;

/**
 * The engine-side name of one flow version, {@code project-flow-version}, kept within an
 * engine's length limit and legal characters. When the readable name had to be shortened or
 * cleaned, a short hash of the full address is appended so two versions never share a name.
 */
public final class DeploymentNames {
    private static final Pattern ILLEGAL = Pattern.compile("[^A-Za-z0-9_-]");
    private static final int HASH_CHARS = 8;

    private DeploymentNames() {
    }

    public static String of(String project, FlowVersionAddress address, int maxLength) {
        String full = project + "-" + address.flow() + "-" + address.version();
        String clean = ILLEGAL.matcher(full).replaceAll("-");
        if (clean.equals(full) && clean.length() <= maxLength) return clean;
        String hash = ContentHasher.hash(full.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .substring("sha256:".length(), "sha256:".length() + HASH_CHARS);
        int keep = Math.min(clean.length(), maxLength - HASH_CHARS - 1);
        return clean.substring(0, keep) + "-" + hash;
    }
}
