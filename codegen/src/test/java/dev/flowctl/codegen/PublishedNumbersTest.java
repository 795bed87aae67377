package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading numbers back from a generated .proto that a pull request may have edited: never an error, never slow. */
class PublishedNumbersTest {
    @Test
    void anEditedProtoYieldsFewerNumbersNotAnErrorOrAHang() {
        String proto = "message A {\n"
                + "  string a = 1;\n"
                + "  reserved 2, 99999999999999999999999;\n"
                + "  " + "x".repeat(200_000) + "\n"
                + "  int64 b = 3;\n"
                + "}\n";
        Map<String, Map<Integer, String>> numbers = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> PublishedNumbers.of(proto),
                "a hostile line must not make reading take long (a hang guard, not a timing)");
        assertEquals(Map.of("message A", Map.of(1, "a", 3, "b")), numbers);
    }
}
