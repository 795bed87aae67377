package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.spec.InputSpec;

/** Short human wording of an input for findings, e.g. {@code int = 24} or {@code required string}. */
final class Describe {
    private Describe() {
    }

    static String input(InputSpec i) {
        String s = (i.required() ? "required " : "") + i.type().display();
        return i.hasDefault() ? s + " = " + value(i.defaultValue()) : s;
    }

    static String value(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }

    /** "input 'months'", "field 'window.start'", "list element 'tags[]'"… */
    static String place(InputPair p) {
        String what = switch (p.scope()) {
            case INPUT -> "input";
            case FIELD -> "field";
            case LIST_ELEMENT -> "list element";
            case MAP_KEY -> "map key";
            case MAP_VALUE -> "map value";
        };
        return what + " '" + p.path() + "'";
    }
}
