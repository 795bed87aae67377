package dev.flowctl.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PatternExampleTest {
    @ParameterizedTest
    @ValueSource(strings = {"^s3://[a-z0-9.-]{3,63}/.*$", "[A-Z]{2}-\\d{4}", "(?:eu|us)-(west|east)-[1-3]", "\\w+@\\w+\\.com",
            "a|b|c", "x\\.y\\+z", "[^0-9]{2}", "say \"hi\"", "[]a]b", "v[0-9]+(alpha|beta)?", "[.-]{2}x", "a{2,}?b",
            "(a|b)*a(a|b){25}", "\\d{3}-\\W\\s"})
    void matchesThePatternAsRe2Does(String pattern) {
        String example = PatternExample.of(pattern);
        assertNotNull(example, pattern);
        assertTrue(Pattern.compile(pattern).matches(example), pattern + " vs " + example);
    }

    @Test
    void prefersLettersAndDigitsToPunctuation() {
        assertEquals("s3://aaa/", PatternExample.of("^s3://[a-z0-9.-]{3,63}/.*$"));
    }

    @Test
    void aPatternWhoseShortestMatchIsHugeGivesNone() {
        // Nested counted repetitions: 1,000 x 1,000 characters; read in linear time, refused by length.
        assertNull(PatternExample.of("(a{1000}){1000}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\p{L}+", "(?i)abc", "a\\bb", "a^b", "(?P<n>a)", "[[:alpha:]]", "a)"})
    void givesNoneForSyntaxItDoesNotTranslate(String pattern) {
        assertNull(PatternExample.of(pattern));
    }
}
