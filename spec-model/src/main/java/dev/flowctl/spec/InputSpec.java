package dev.flowctl.spec;

/**
 * One typed input of a flow version (or one field of a struct input).
 *
 * @param defaultValue a JSON-shaped value (String, Long, Double, Boolean, List, Map) or null
 * @param description  free text, or null
 */
public record InputSpec(String name, TypeRef type, boolean required, Object defaultValue,
                        String description) {

    /** An input a caller may leave out: not required, or required-less with a default. */
    public boolean optional() {
        return !required;
    }

    public boolean hasDefault() {
        return defaultValue != null;
    }
}
