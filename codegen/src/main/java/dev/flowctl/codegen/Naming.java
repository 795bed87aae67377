package dev.flowctl.codegen;

import dev.flowctl.spec.InputSpec;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/** How flows.yaml names (lower snake_case) become proto and Java names. */
final class Naming {
    private Naming() {
    }

    /** {@code fleet_features} -> {@code FleetFeatures}; {@code v2_beta} -> {@code V2Beta}. */
    static String pascal(String snake) {
        StringBuilder b = new StringBuilder();
        boolean up = true;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    /** {@code fleet_id} -> {@code fleetId}. */
    static String camel(String snake) {
        String p = pascal(snake);
        return p.isEmpty() ? p : Character.toLowerCase(p.charAt(0)) + p.substring(1);
    }

    /** protoc's json_name: drop each '_' and upper-case the letter after it. */
    static String jsonName(String field) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : field.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    static String upper(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    /**
     * The enum value prefix buf's ENUM_VALUE_PREFIX wants for an enum named {@code typeName}, a
     * PascalCase name of letters and digits (buf's stringutil.ToUpperSnakeCase): a new word at a
     * capital that follows a lower-case letter or comes before one, so {@code ModeType} ->
     * {@code MODE_TYPE_}, {@code Mode2} -> {@code MODE2_}, {@code AB} -> {@code AB_}.
     */
    static String bufEnumValuePrefix(String typeName) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < typeName.length(); i++) {
            char c = typeName.charAt(i);
            boolean beforeLower = i + 1 < typeName.length() && !Character.isUpperCase(typeName.charAt(i + 1))
                    && !Character.isDigit(typeName.charAt(i + 1));
            if (i > 0 && Character.isUpperCase(c) && (Character.isLowerCase(typeName.charAt(i - 1)) || beforeLower)) b.append('_');
            b.append(c);
        }
        return upper(b.toString()) + "_";
    }

    /**
     * The nested type of each enum or struct input of one message or class. An input numbered
     * before keeps the name it had ({@code kept}: pinned in flows.lock, or else its PascalCase
     * name) while nothing refuses it, so adding an input never renames an existing type. Any
     * other input gets its PascalCase name, with {@code Type} appended while {@code taken} refuses
     * the name for that input, it is another input's own name, or it is claimed already. Own names
     * are claimed first, so input order does not matter.
     */
    static Map<InputSpec, String> nestedTypeNames(List<InputSpec> inputs, Map<String, String> kept,
                                                  BiPredicate<InputSpec, String> taken) {
        List<InputSpec> typed = inputs.stream().filter(in -> in.type().hasNestedType()).toList();
        Set<String> own = new HashSet<>();
        for (InputSpec in : typed) own.add(pascal(in.name()));
        Map<InputSpec, String> out = new LinkedHashMap<>();
        Set<String> claimed = new HashSet<>();
        for (InputSpec in : typed) {
            String name = kept.get(in.name());
            // A kept name refused now (a lock written before names were pinned, or protoc's entry
            // type of a map input added since) is named afresh below.
            if (name != null && !taken.test(in, name) && claimed.add(name)) out.put(in, name);
        }
        for (InputSpec in : typed) {
            if (out.containsKey(in)) continue;
            String name = pascal(in.name());
            if (!taken.test(in, name) && claimed.add(name)) out.put(in, name);
        }
        for (InputSpec in : typed) {
            if (out.containsKey(in)) continue;
            String name = pascal(in.name()) + "Type";
            while (taken.test(in, name) || own.contains(name) || !claimed.add(name)) name = name + "Type";
            out.put(in, name);
        }
        return out;
    }

    /** A Java identifier that is not a keyword: {@code class} -> {@code class_}. */
    static String javaIdentifier(String name) {
        return JAVA_KEYWORDS.contains(name) ? name + "_" : name;
    }

    private static final java.util.Set<String> JAVA_KEYWORDS = java.util.Set.of("abstract", "assert", "boolean",
            "break", "byte", "case", "catch", "char", "class", "const", "continue", "default", "do", "double", "else",
            "enum", "extends", "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof",
            "int", "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "record", "var", "yield", "sealed", "permits");
}
