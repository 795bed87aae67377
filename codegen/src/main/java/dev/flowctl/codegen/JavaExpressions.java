package dev.flowctl.codegen;

import dev.flowctl.spec.TypeRef;

/**
 * Java source text for one input type: its Java type, and the expressions the stubs use to read
 * it from JSON, write it to JSON and check a custom type's pattern or range.
 */
final class JavaExpressions {
    private JavaExpressions() {
    }

    static boolean isCollection(TypeRef t) {
        return t instanceof TypeRef.ListType || t instanceof TypeRef.MapType;
    }

    static String javaType(TypeRef t, String nested) {
        if (t instanceof TypeRef.ListType l) return "java.util.List<" + javaType(l.element(), nested) + ">";
        if (t instanceof TypeRef.MapType m) return "java.util.Map<String, " + javaType(m.value(), nested) + ">";
        if (t instanceof TypeRef.EnumType || t instanceof TypeRef.StructType) return nested;
        switch (primitive(t)) {
            case INT:
                return "Long";
            case FLOAT:
                return "Double";
            case BOOL:
                return "Boolean";
            case DATE:
                return "java.time.LocalDate";
            case TIMESTAMP:
                return "java.time.Instant";
            default:
                return "String";
        }
    }

    private static TypeRef.Primitive primitive(TypeRef t) {
        return t instanceof TypeRef.CustomType c ? c.base() : (TypeRef.Primitive) t;
    }

    /** An expression reading JSON node {@code node} as type {@code t}. */
    static String reader(TypeRef t, String nested, String node, String where, int depth) {
        String n = "n" + depth;
        String wh = "w" + depth;
        if (t instanceof TypeRef.ListType l) {
            return "FlowInputs.list(" + node + ", " + where + ", (" + n + ", " + wh + ") -> " + reader(l.element(), nested, n, wh, depth + 1) + ")";
        }
        if (t instanceof TypeRef.MapType m) {
            return "FlowInputs.map(" + node + ", " + where + ", (" + n + ", " + wh + ") -> " + reader(m.value(), nested, n, wh, depth + 1) + ")";
        }
        if (t instanceof TypeRef.EnumType) return nested + ".of(FlowInputs.string(" + node + ", " + where + "), " + where + ")";
        if (t instanceof TypeRef.StructType) return nested + ".fromJsonNode(" + node + ")";
        switch (primitive(t)) {
            case INT:
                return "FlowInputs.integer(" + node + ", " + where + ")";
            case FLOAT:
                return "FlowInputs.number(" + node + ", " + where + ")";
            case BOOL:
                return "FlowInputs.bool(" + node + ", " + where + ")";
            case DATE:
                return "FlowInputs.date(" + node + ", " + where + ")";
            case TIMESTAMP:
                return "FlowInputs.timestamp(" + node + ", " + where + ")";
            default:
                return "FlowInputs.string(" + node + ", " + where + ")";
        }
    }

    /** An expression writing value {@code v} of type {@code t} as a JSON node. */
    static String writer(TypeRef t, String v, int depth) {
        String e = "e" + depth;
        if (t instanceof TypeRef.ListType l) return "FlowInputs.array(" + v + ", " + e + " -> " + writer(l.element(), e, depth + 1) + ")";
        if (t instanceof TypeRef.MapType m) return "FlowInputs.object(" + v + ", " + e + " -> " + writer(m.value(), e, depth + 1) + ")";
        if (t instanceof TypeRef.EnumType) return "FlowInputs.node(" + v + ".value())";
        if (t instanceof TypeRef.StructType) return v + ".toJsonNode()";
        return "FlowInputs.node(" + v + ")";
    }

    /**
     * A statement checking a custom type's pattern or range, or that a float is finite, on
     * {@code v} (and on every element), or null.
     */
    static String check(TypeRef t, String v, String where, String upper, int depth) {
        String e = "e" + depth;
        if (t instanceof TypeRef.ListType l) {
            String inner = check(l.element(), e, where, upper, depth + 1);
            return inner == null ? null : "FlowInputs.each(" + v + ", " + e + " -> " + inner + ")";
        }
        if (t instanceof TypeRef.MapType m) {
            String inner = check(m.value(), e, where, upper, depth + 1);
            return inner == null ? null : "if (" + v + " != null) FlowInputs.each(" + v + ".values(), " + e + " -> " + inner + ")";
        }
        String finite = "FlowInputs.finite(" + v + ", " + where + ")";
        if (!(t instanceof TypeRef.CustomType c)) return t == TypeRef.Primitive.FLOAT ? finite : null;
        if (c.pattern() != null) return "FlowInputs.pattern(" + v + ", PATTERN_" + upper + ", " + where + ")";
        if (c.min() != null || c.max() != null) {
            return "FlowInputs.range(" + v + ", " + bound(c.min()) + ", " + bound(c.max()) + ", " + where + ")"; // also finite
        }
        return c.base() == TypeRef.Primitive.FLOAT ? finite : null;
    }

    private static String bound(java.math.BigDecimal b) {
        return b == null ? "null" : "\"" + b.toPlainString() + "\"";
    }

    static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
