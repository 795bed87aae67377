package dev.flowctl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TypeRefTest {
    private static final TypeRef.EnumType COLOUR = new TypeRef.EnumType(List.of("red", "blue"));

    @Test
    void innermostLooksThroughListsAndMapValuesOnly() {
        TypeRef nested = new TypeRef.MapType(TypeRef.Primitive.STRING, new TypeRef.ListType(COLOUR));
        assertEquals(COLOUR, nested.innermost());
        assertEquals(TypeRef.Primitive.INT, TypeRef.Primitive.INT.innermost());
        TypeRef.StructType struct = new TypeRef.StructType(List.of(
                new InputSpec("tags", new TypeRef.ListType(TypeRef.Primitive.STRING), false, null, null)));
        assertEquals(struct, new TypeRef.ListType(struct).innermost());
    }

    @Test
    void onlyEnumsAndStructsNeedANestedType() {
        assertTrue(new TypeRef.ListType(COLOUR).hasNestedType());
        assertTrue(new TypeRef.StructType(List.of()).hasNestedType());
        assertFalse(new TypeRef.MapType(TypeRef.Primitive.STRING, TypeRef.Primitive.STRING).hasNestedType());
        assertFalse(new TypeRef.CustomType("sku", TypeRef.Primitive.STRING, "[A-Z]+", null, null).hasNestedType());
    }
}
