package dev.flowctl.engine;

import dev.flowctl.plan.ContentHasher;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.Owner;
import dev.flowctl.spec.FlowVersionAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine-side name of one flow version, by default {@code project-environment-flow-version}
 * ({@code project-flow-version} in the default environment, so deployments made before
 * environments were named keep their names), kept within an engine's length limit and legal
 * characters. When the readable name had to be shortened or cleaned, a short hash of the full
 * name is appended so two versions never share a name.
 */
public final class DeploymentNames {
    /** The {@code names:} pattern used when the engine block sets none. */
    public static final String DEFAULT_PATTERN = "{project}-{environment}-{flow}-{version}";
    private static final Set<String> PLACEHOLDERS = Set.of("project", "environment", "flow", "version");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]*)}");
    /** The default environment has no name: its placeholder goes, with the separator before (or after) it. */
    private static final Pattern NO_ENVIRONMENT = Pattern.compile("[-_.]\\{environment}|\\{environment}[-_.]?");
    private static final Pattern ILLEGAL = Pattern.compile("[^A-Za-z0-9_-]");
    private static final int HASH_CHARS = 8;

    private DeploymentNames() {
    }

    /** The name under the default pattern. */
    public static String of(Owner owner, FlowVersionAddress address, int maxLength) {
        return of(DEFAULT_PATTERN, owner, address, maxLength);
    }

    /** The name under a {@code names:} pattern (checked with {@link #checkPattern}). */
    public static String of(String pattern, Owner owner, FlowVersionAddress address, int maxLength) {
        String template = owner.environment() == null ? NO_ENVIRONMENT.matcher(pattern).replaceFirst("") : pattern;
        String full = template.replace("{project}", owner.project())
                .replace("{environment}", owner.environment() == null ? "" : owner.environment())
                .replace("{flow}", address.flow()).replace("{version}", address.version());
        String clean = ILLEGAL.matcher(full).replaceAll("-");
        if (clean.equals(full) && clean.length() <= maxLength) return clean;
        String hash = ContentHasher.hash(full.getBytes(StandardCharsets.UTF_8))
                .substring("sha256:".length(), "sha256:".length() + HASH_CHARS);
        int keep = Math.min(clean.length(), maxLength - HASH_CHARS - 1);
        return clean.substring(0, keep) + "-" + hash;
    }

    /**
     * Refuses a {@code names:} pattern that could give two versions one name: it must contain
     * {@code {flow}} and {@code {version}}, and only known placeholders.
     */
    public static String checkPattern(String pattern, String where) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new EngineException("the names: pattern '" + pattern + "' in " + where + " uses unknown placeholder {"
                        + m.group(1) + "}; use {project}, {environment}, {flow} and {version}.");
            }
        }
        if (!pattern.contains("{flow}") || !pattern.contains("{version}")) {
            throw new EngineException("the names: pattern '" + pattern + "' in " + where + " must contain {flow} and {version},"
                    + " or two flow versions would share one name; e.g. names: \"" + DEFAULT_PATTERN + "\".");
        }
        return pattern;
    }
}
