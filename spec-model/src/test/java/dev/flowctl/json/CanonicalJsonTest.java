package dev.flowctl.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    @Test
    void twoSpellingsOfOneDocumentAreEqual() {
        CanonicalJson a = CanonicalJson.parse("{\"b\": [1, 2.5], \"a\": {\"y\": true, \"x\": null}}");
        assertEquals("{\"a\":{\"x\":null,\"y\":true},\"b\":[1,2.5]}", a.text());
        assertEquals(a, CanonicalJson.parse("{\"a\":{\"y\":true,\"x\":null},\"b\":[1,2.5]}"));
        assertEquals(a.hashCode(), CanonicalJson.parse(a.text()).hashCode());
        assertNotEquals(a, CanonicalJson.parse("{\"a\":{\"x\":null,\"y\":true},\"b\":[2.5,1]}"));
    }

    /** State and planfiles read floats as doubles; parsed text must agree with them, or 1.0 in a schema becomes 1. */
    @Test
    void aWholeFloatKeepsItsFractionWhetherParsedOrReadAsATree() throws Exception {
        String text = "[{\"default\":1.0,\"name\":\"w\"}]";
        assertEquals(text, CanonicalJson.parse(text).text());
        assertEquals(CanonicalJson.parse(text), CanonicalJson.of(new ObjectMapper().readTree(text)));
        assertEquals(new ObjectMapper().readTree(text), CanonicalJson.parse(text).tree());
    }

    @Test
    void onlyADocumentIsCanonicalJson() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.parse(""));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.parse("{\"a\":"));
    }
}
