package dev.flowctl.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Codes are published: scripts and answers refer to them, so none may vanish, move or repeat. */
class ErrorCodeTest {
    private static final Pattern AREAS = Pattern.compile("FLOWCTL-E0[1-79]\\d\\d");

    @Test
    void noTwoCodesShareANumber() {
        Set<Integer> seen = new HashSet<>();
        for (ErrorCode c : ErrorCode.values()) assertTrue(seen.add(c.number()), c + " reuses " + c.id());
    }

    @Test
    void everyPublishedCodeIsStillInTheCatalogAndEveryCodeIsPublished() throws IOException {
        List<String> published = published();
        for (String line : published) {
            String id = line.split(" ")[0];
            assertTrue(ErrorCode.byId(id).isPresent(), id + " was published (codes.txt) and may never be removed or renumbered;"
                    + " mark it retired in its title instead");
        }
        for (ErrorCode c : ErrorCode.values()) {
            assertTrue(published.stream().anyMatch(l -> l.startsWith(c.id() + " ")),
                    c.id() + " is new: append '" + c.id() + " " + c.name() + "' to errors/src/test/resources/codes.txt");
        }
    }

    @Test
    void codesAreInTheirAreaAndSayWhatToDo() {
        for (ErrorCode c : ErrorCode.values()) {
            assertTrue(AREAS.matcher(c.id()).matches(), c.id());
            assertTrue(!c.message().isBlank() && c.action().endsWith("."), c + " needs a message and a sentence of what to do");
        }
    }

    @Test
    void idsArePrintedWithFourDigits() {
        assertEquals("FLOWCTL-E0201", ErrorCode.STATE_LOCKED.id());
        assertEquals(ErrorCode.STATE_LOCKED, ErrorCode.byId("FLOWCTL-E0201").orElseThrow());
    }

    private static List<String> published() throws IOException {
        try (InputStream in = ErrorCodeTest.class.getResourceAsStream("/codes.txt")) {
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }
}
