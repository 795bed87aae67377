package dev.flowctl.codegen;

import dev.flowctl.spec.TypeRef;

/**
 * Java source text for one input type: its Java type, and the expressions the stubs use to read
 * it from checked JSON and to write it to JSON. The checks are the runtime's, never generated.
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
        switch (ProtoModelBuilder.primitiveOf(t)) {
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

    /**
     * An expression reading JSON node {@code node} as type {@code t}, once the input holding it has
     * passed the version's check (which is what makes these plain conversions safe).
     */
    static String reader(TypeRef t, String nested, String node, int depth) {
        String n = "n" + depth;
        if (t instanceof TypeRef.ListType l) return "FlowInputs.list(" + node + ", " + n + " -> " + reader(l.element(), nested, n, depth + 1) + ")";
        if (t instanceof TypeRef.MapType m) return "FlowInputs.map(" + node + ", " + n + " -> " + reader(m.value(), nested, n, depth + 1) + ")";
        if (t instanceof TypeRef.EnumType) return nested + ".of(FlowInputs.string(" + node + "))";
        if (t instanceof TypeRef.StructType) return nested + ".read(" + node + ")";
        switch (ProtoModelBuilder.primitiveOf(t)) {
            case INT:
                return "FlowInputs.integer(" + node + ")";
            case FLOAT:
                return "FlowInputs.number(" + node + ")";
            case BOOL:
                return "FlowInputs.bool(" + node + ")";
            case DATE:
                return "FlowInputs.date(" + node + ")";
            case TIMESTAMP:
                return "FlowInputs.timestamp(" + node + ")";
            default:
                return "FlowInputs.string(" + node + ")";
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
     * A Java string literal of {@code s}. Copies the runs that need no escape in one piece: every
     * stub embeds its version's schema (4 KB for 20 inputs) as a literal, and a char-by-char
     * copy was 5 % of rendering under the launcher's C1-only JIT.
     */
    static String literal(String s) {
        StringBuilder b = new StringBuilder(s.length() + s.length() / 8 + 2).append('"');
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            b.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.append(s, run, s.length()).append('"').toString();
    }
}
