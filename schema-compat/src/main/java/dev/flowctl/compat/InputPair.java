package dev.flowctl.compat;

import dev.flowctl.spec.InputSpec;
import dev.flowctl.spec.TypeRef;

/**
 * One input, struct field, list element, map key or map value matched between the deployed
 * schema ({@code before}) and the desired one ({@code after}); a side is null when it was added
 * or removed. Elements, keys and values are carried as unnamed, optional {@link InputSpec}s so
 * rules about types, enums and constraints judge them exactly like inputs.
 *
 * @param path  where it sits, e.g. {@code months}, {@code window.start}, {@code tags[]}, {@code labels{value}}
 * @param scope what kind of place the path names
 */
public record InputPair(String path, Scope scope, InputSpec before, InputSpec after) {
    /** The kinds of place a pair can sit in a schema. */
    public enum Scope {
        /** A top-level input of a flow version. */
        INPUT,
        /** A field of a {@code struct}. */
        FIELD,
        /** The element type of a {@code list<T>}. */
        LIST_ELEMENT,
        /** The key type of a {@code map<K,V>}. */
        MAP_KEY,
        /** The value type of a {@code map<K,V>}. */
        MAP_VALUE;

        /** Inputs and struct fields have a name, required-ness and a default; the rest only a type. */
        public boolean named() {
            return this == INPUT || this == FIELD;
        }
    }

    /** A top-level input pair. */
    public static InputPair ofInput(String name, InputSpec before, InputSpec after) {
        return new InputPair(name, Scope.INPUT, before, after);
    }

    public boolean added() {
        return before == null && after != null;
    }

    public boolean removed() {
        return before != null && after == null;
    }

    public boolean kept() {
        return before != null && after != null;
    }

    /** Both sides present and this is an input or struct field. */
    public boolean keptNamed() {
        return kept() && scope.named();
    }

    public TypeRef beforeType() {
        return before.type();
    }

    public TypeRef afterType() {
        return after.type();
    }
}
