package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Java string literals hold any text: quotes, backslashes and control characters escaped, the rest as is. */
class JavaExpressionsTest {
    @Test
    void aLiteralEscapesQuotesBackslashesAndControlCharactersAndKeepsTheRest() {
        assertEquals("\"\"", JavaExpressions.literal(""));
        assertEquals("\"plain ü ✓\"", JavaExpressions.literal("plain ü ✓"));
        assertEquals("\"\\\"a\\\\b\\\"\"", JavaExpressions.literal("\"a\\b\""));
        assertEquals("\"x\\ny\\r\\tz\\u0001\\u001f end\"", JavaExpressions.literal("x\ny\r\tz\u0001\u001f end"));
        assertEquals("\"\\n\"", JavaExpressions.literal("\n"));
    }
}
