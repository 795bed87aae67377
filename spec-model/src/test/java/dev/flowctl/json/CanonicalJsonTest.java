package dev.flowctl.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
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

    /**
     * Canonical text is compared with what earlier versions recorded (state, planfiles), so the direct
     * writer must spell every tree as the mapper did through plain maps, floats as BigDecimal.
     */
    @Test
    void theDirectWriterSpellsTreesAsPlainValuesDo() throws Exception {
        ObjectMapper m = new ObjectMapper();
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        List<String> documents = List.of("{}", "[]", "null", "\"x\"", "0", "-0.0", "1.0", "1e20", "1E-7", "0.1", "123456789012345678901234567890",
                "-9223372036854775808", "2147483648", "[1.5e300, 4.9e-324, 3.141592653589793]",
                "{\"b\":1,\"a\":2,\"B\":3,\"\u00e9\":4,\"\":5,\"a b\":{\"z\":[true,false,null],\"y\":\"\\u0001\\t\\\"\u00fc\\ud83d\\ude00\"}}",
                "[{\"name\":\"w\",\"default\":{\"k\":[1,2.50,-3e2]},\"type\":{\"kind\":\"custom\",\"min\":0.5,\"max\":1000}}]");
        for (String text : documents) {
            JsonNode tree = m.readTree(text);
            assertEquals(CanonicalJson.viaPlainValues(tree), CanonicalJson.of(tree).text(), text);
        }
        var built = f.objectNode();
        built.set("decimal", f.numberNode(new java.math.BigDecimal("1E+3")));
        built.set("float", f.numberNode(0.1f));
        built.set("short", f.numberNode((short) 7));
        built.set("long", f.numberNode(5L));
        built.set("big", f.numberNode(java.math.BigInteger.TEN.pow(30)));
        built.set("nan", f.numberNode(Double.NaN));
        assertEquals(CanonicalJson.viaPlainValues(built), CanonicalJson.of(built).text());
    }
}
