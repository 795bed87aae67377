package dev.flowctl.spec;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** The type of a flow input: a closed hierarchy, so every consumer handles every case. */
public sealed interface TypeRef
        permits TypeRef.Primitive, TypeRef.EnumType, TypeRef.ListType, TypeRef.MapType,
                TypeRef.StructType, TypeRef.CustomType {

    /** How the type is written in flows.yaml and shown in plans, e.g. {@code list<string>}. */
    String display();

    /** The element or value type at the bottom of list/map nesting; this type itself if it is neither. */
    default TypeRef innermost() {
        if (this instanceof ListType l) return l.element().innermost();
        if (this instanceof MapType m) return m.value().innermost();
        return this;
    }

    /** True if the innermost type is an enum or a struct: the input needs a nested type of its own. */
    default boolean hasNestedType() {
        TypeRef inner = innermost();
        return inner instanceof EnumType || inner instanceof StructType;
    }

    /** The built-in scalar types. */
    enum Primitive implements TypeRef {
        STRING, INT, FLOAT, BOOL, DATE, TIMESTAMP;

        @Override
        public String display() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A closed set of string values. */
    record EnumType(List<String> values) implements TypeRef {
        public EnumType {
            values = List.copyOf(values);
        }

        @Override
        public String display() {
            return "enum[" + String.join(",", values) + "]";
        }
    }

    /** An ordered list of one element type. */
    record ListType(TypeRef element) implements TypeRef {
        @Override
        public String display() {
            return "list<" + element.display() + ">";
        }
    }

    /** A map; keys are strings in flows.yaml today, kept explicit so a later change is visible. */
    record MapType(TypeRef key, TypeRef value) implements TypeRef {
        @Override
        public String display() {
            return "map<" + key.display() + "," + value.display() + ">";
        }
    }

    /** A nested record of named fields, each shaped like an input. */
    record StructType(List<InputSpec> fields) implements TypeRef {
        public StructType {
            fields = List.copyOf(fields);
        }

        @Override
        public String display() {
            return "struct{" + fields.stream().map(f -> f.name() + ":" + f.type().display())
                    .collect(Collectors.joining(",")) + "}";
        }
    }

    /**
     * A named type declared under {@code types:}: a primitive base narrowed by constraints.
     * {@code pattern} applies to strings, {@code min}/{@code max} to numbers; each may be null.
     */
    record CustomType(String name, Primitive base, String pattern, BigDecimal min, BigDecimal max)
            implements TypeRef {
        @Override
        public String display() {
            return name + "(" + base.display() + ")";
        }
    }
}
