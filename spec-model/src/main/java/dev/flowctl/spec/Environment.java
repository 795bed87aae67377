package dev.flowctl.spec;

import java.util.Map;

/**
 * A named environment (dev, stage, prod, or a tenant) overriding state and engine settings.
 *
 * @param template   true for a template of preview environments ({@code template: true}): it is never
 *                   selected itself; {@code -e NAME} with a name matching {@code instances} makes an instance
 * @param instances  the names a template's instances take, a glob with one {@code *} (e.g. {@code pr-*});
 *                   null for an environment that is not a template
 * @param templateOf the template this environment is an instance of, null for a declared one
 */
public record Environment(String name, Map<String, Object> state, Map<String, Object> engine, boolean template,
                          String instances, String templateOf) {
    /** Stands for the environment's name in a template's state key or path and engine dir. */
    public static final String NAME_PLACEHOLDER = "{environment}";

    public Environment {
        state = Map.copyOf(state);
        engine = Map.copyOf(engine);
    }

    /** A declared environment that is not a template. */
    public Environment(String name, Map<String, Object> state, Map<String, Object> engine) {
        this(name, state, engine, false, null, null);
    }

    /** True when {@code candidate} is a name this template's instances may take. */
    public boolean admits(String candidate) {
        if (!template || candidate == null) return false;
        int star = instances.indexOf('*');
        String prefix = instances.substring(0, star);
        String suffix = instances.substring(star + 1);
        return candidate.length() > prefix.length() + suffix.length() && candidate.startsWith(prefix) && candidate.endsWith(suffix)
                && Names.ENVIRONMENT.matcher(candidate).matches();
    }

    /** The instance of this template named {@code instanceName}, with the template's overrides. */
    public Environment instance(String instanceName) {
        return new Environment(instanceName, state, engine, false, null, name);
    }

    /**
     * Settings merged for this environment, with {@value #NAME_PLACEHOLDER} replaced by an instance's name
     * in every state value ({@code engine} false) or in the engine's {@code dir} (the engine's {@code names:}
     * keeps it: it is a pattern the engine fills in itself). A declared environment's settings are unchanged.
     */
    Settings resolve(Settings merged, boolean engine) {
        if (templateOf == null) return merged;
        Map<String, Object> out = new java.util.LinkedHashMap<>(merged.values());
        out.replaceAll((k, v) -> v instanceof String text && (!engine || k.equals("dir")) ? text.replace(NAME_PLACEHOLDER, name) : v);
        return new Settings(out);
    }
}
