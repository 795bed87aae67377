package dev.flowctl.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/troubleshooting.md lists every code; regenerate with -Dflowctl.regenerateDocs=true, as compatibility.md. */
class TroubleshootingDocTest {
    private static final Path PAGE = Path.of("..", "docs", "troubleshooting.md");

    @Test
    void theCommittedTableIsWhatTheCatalogGenerates() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        String generated = ErrorCatalog.regenerate(page);
        if (Boolean.getBoolean("flowctl.regenerateDocs")) Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
        assertEquals(generated, Files.readString(PAGE, StandardCharsets.UTF_8), "docs/troubleshooting.md differs from ErrorCode;"
                + " regenerate it: ./mvnw -pl errors test -Dtest=TroubleshootingDocTest -Dflowctl.regenerateDocs=true");
    }

    @Test
    void everyCodeHasARowOnThePage() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        for (ErrorCode c : ErrorCode.values()) assertTrue(page.contains("`" + c.id() + "` | "), c.id());
    }
}
