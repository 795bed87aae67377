package dev.flowctl.compat.rules;

import dev.flowctl.spec.TypeRef;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/** How rules see a type: its wire kind (a named type is its base) and its constraints. */
final class Types {
    /** Primitive names computed once: kinds are compared on every pair, and display() allocates. */
    private static final Map<TypeRef.Primitive, String> PRIMITIVES = new EnumMap<>(TypeRef.Primitive.class);

    static {
        for (TypeRef.Primitive p : TypeRef.Primitive.values()) PRIMITIVES.put(p, p.display());
    }

    private Types() {
    }

    /**
     * The kind that decides the wire form: a primitive's name, a named type's base, or the
     * container kind. Two types of one kind differ only in what nested rules judge.
     */
    static String kind(TypeRef t) {
        if (t instanceof TypeRef.Primitive p) return PRIMITIVES.get(p);
        if (t instanceof TypeRef.CustomType c) return PRIMITIVES.get(c.base());
        if (t instanceof TypeRef.EnumType) return "enum";
        if (t instanceof TypeRef.ListType) return "list";
        if (t instanceof TypeRef.MapType) return "map";
        return "struct";
    }

    static boolean sameKind(TypeRef a, TypeRef b) {
        return kind(a).equals(kind(b));
    }

    static String pattern(TypeRef t) {
        return t instanceof TypeRef.CustomType c ? c.pattern() : null;
    }

    static BigDecimal min(TypeRef t) {
        return t instanceof TypeRef.CustomType c ? c.min() : null;
    }

    static BigDecimal max(TypeRef t) {
        return t instanceof TypeRef.CustomType c ? c.max() : null;
    }

    /** The name a type is written with: a named type's name, else the built-in kind. */
    static String name(TypeRef t) {
        return t instanceof TypeRef.CustomType c ? c.name() : kind(t);
    }

    static String bound(BigDecimal b) {
        return b == null ? "none" : b.stripTrailingZeros().toPlainString();
    }
}
