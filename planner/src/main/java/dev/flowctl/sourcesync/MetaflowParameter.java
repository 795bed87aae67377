package dev.flowctl.sourcesync;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One {@code metaflow.Parameter(...)} of a flow class, as read from the source without running it.
 *
 * @param name         its name (the first argument or {@code name=}), or null when that is not a string literal
 * @param nameText     the name argument as written, for a message when it is not a literal
 * @param line         1-based line of the declaration in the source file
 * @param column       1-based column
 * @param required     {@code required=}: false when absent, null when not a literal
 * @param defaultValue the default: none, a literal (as JSON), or unknown (not a literal)
 * @param type         the Metaflow type: given by {@code type=}, else inferred from the default as Metaflow does
 * @param typeText     the {@code type=} as written, or the name of the default's Python type
 * @param help         {@code help=} when it is a string literal, else null
 */
record MetaflowParameter(String name, String nameText, int line, int column, Boolean required, Default defaultValue,
                         MetaflowType type, TypeOrigin typeOrigin, String typeText, String help) {

    /** Where a Parameter's type comes from, as the message explains it. */
    enum TypeOrigin {
        /** {@code type=} */
        TYPE_ARGUMENT,
        /** inferred from a literal default, as Metaflow infers it */
        DEFAULT,
        /** neither: Metaflow's str */
        NONE
    }

    /** A Parameter's default: absent (or None), a literal, or an expression flowctl does not evaluate. */
    record Default(Kind kind, JsonNode value, String text) {
        enum Kind { NONE, LITERAL, UNKNOWN }

        boolean present() {
            return kind != Kind.NONE;
        }
    }
}
