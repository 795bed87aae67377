package dev.flowctl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code protect:} and {@code deprecated:} keys of flows and versions, and each mistake in them. */
class GuardKeysTest {
    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(dir.resolve("flow.py"), "print(1)\n");
        file = dir.resolve("flows.yaml");
    }

    private String problem(String versionV1) {
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(file, """
                project: risk
                flows:
                  scoring:
                    source: flow.py
                    versions:
                      v1: %s
                      v2: {}
                """.formatted(versionV1)));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0).toString().substring(file.toString().length() + 1);
    }

    @Test
    void readsProtectAndEveryPartOfDeprecated() {
        Spec spec = SpecParser.parse(file, """
                project: risk
                flows:
                  scoring:
                    source: flow.py
                    protect: true
                    versions:
                      v1: { protect: true, deprecated: { replacement: v2, sunset: 2027-03-01, reason: "moved to v2" } }
                      v2: { deprecated: { reason: testing } }
                      v3: {}
                """);
        FlowSpec flow = spec.flows().get("scoring");
        assertTrue(flow.protect());
        assertTrue(flow.versions().get("v1").protect());
        assertFalse(flow.versions().get("v2").protect());
        assertEquals(new Deprecation("v2", LocalDate.parse("2027-03-01"), "moved to v2"), flow.versions().get("v1").deprecated());
        assertEquals(new Deprecation(null, null, "testing"), flow.versions().get("v2").deprecated());
        assertNull(flow.versions().get("v3").deprecated());
        assertEquals("replacement=v2; sunset=2027-03-01", flow.versions().get("v1").deprecated().headerValue());
        assertEquals("yes", flow.versions().get("v2").deprecated().headerValue(), "a header value without replacement or sunset");
    }

    @Test
    void aReplacementMustBeAnotherVersionOfTheSameFlow() {
        assertEquals("6:40: replacement 'v9' of scoring@v1 is not a version of flow 'scoring'; name another version of it. Did you mean 'v1'?",
                problem("{ deprecated: { replacement: v9 } }"));
        assertEquals("6:40: replacement 'v1' of scoring@v1 is the version itself; name another version of it. Did you mean 'v1'?",
                problem("{ deprecated: { replacement: v1 } }"));
    }

    @Test
    void aSunsetMustBeAnIsoDate() {
        assertEquals("6:35: sunset of version 'scoring@v1' must be a date written YYYY-MM-DD, e.g. 2027-03-01, not 'next spring'.",
                problem("{ deprecated: { sunset: next spring } }"));
    }

    @Test
    void anEmptyDeprecatedIsRefused() {
        assertEquals("6:25: deprecated of version 'scoring@v1' is empty; give at least one of replacement, sunset (a date such as "
                + "2027-03-01) or reason.", problem("{ deprecated: {} }"));
    }

    @Test
    void unknownKeysAndNonBooleanProtectAreRefused() {
        assertEquals("6:27: unknown key 'sunsett' in deprecated of version 'scoring@v1'. Did you mean 'sunset'?",
                problem("{ deprecated: { sunsett: 2027-03-01 } }"));
        assertEquals("6:22: protect must be true or false, not 'yes please'.", problem("{ protect: yes please }"));
    }
}
