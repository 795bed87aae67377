package dev.flowctl.sourcesync;

import dev.flowctl.spec.TypeRef;

/**
 * The Parameter types Metaflow has, and the one each flows.yaml type maps to: Metaflow has no enum,
 * date, timestamp or nested types, so those arrive as {@code str} (enum, date, timestamp) or as
 * {@code JSONType} (list, map, struct); a custom type maps as its base.
 */
enum MetaflowType {
    STR("str"), INT("int"), FLOAT("float"), BOOL("bool"), JSON("JSONType"),
    /** a type= flowctl does not map (e.g. a click type), or an inferred type Metaflow has no parameter for */
    OTHER("other"),
    /** inferred from a default that is not a literal */
    UNKNOWN("unknown");

    final String python;

    MetaflowType(String python) {
        this.python = python;
    }

    /** The Metaflow type a Parameter for an input of {@code type} must have. */
    static MetaflowType of(TypeRef type) {
        if (type instanceof TypeRef.CustomType c) return of(c.base());
        if (type instanceof TypeRef.Primitive p) {
            return switch (p) {
                case INT -> INT;
                case FLOAT -> FLOAT;
                case BOOL -> BOOL;
                case STRING, DATE, TIMESTAMP -> STR;
            };
        }
        return type instanceof TypeRef.EnumType ? STR : JSON;
    }

    /** The script's word for a type ("str", "json", "other", "unknown"…). */
    static MetaflowType fromScript(String word) {
        return switch (word == null ? "" : word) {
            case "str" -> STR;
            case "int" -> INT;
            case "float" -> FLOAT;
            case "bool" -> BOOL;
            case "json" -> JSON;
            case "other" -> OTHER;
            default -> UNKNOWN;
        };
    }
}
