package dev.flowctl.compat;

import dev.flowctl.compat.check.RuleCatalog;
import dev.flowctl.compat.check.RuleRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/compatibility.md is generated from the registry; this fails when the committed page
 * differs. Regenerate with {@code -Dflowctl.regenerateDocs=true} (see the page's header).
 */
class CompatibilityDocTest {
    private static final Path PAGE = Path.of("..", "docs", "compatibility.md");

    @Test
    void theCommittedPageIsWhatTheRegistryGenerates() throws IOException {
        String generated = RuleCatalog.markdown();
        if (Boolean.getBoolean("flowctl.regenerateDocs")) {
            Files.createDirectories(PAGE.getParent());
            Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(PAGE), "docs/compatibility.md is missing; regenerate it: ./flowctl rules --format markdown > docs/compatibility.md");
        assertEquals(generated, Files.readString(PAGE, StandardCharsets.UTF_8),
                "docs/compatibility.md differs from the rule registry; regenerate it: ./flowctl rules --format markdown > docs/compatibility.md");
    }

    @Test
    void everyRuleIdAppearsOnThePage() {
        String page = RuleCatalog.markdown();
        RuleRegistry.all().forEach(r -> assertTrue(page.contains("| `" + r.id() + "` |"), r.id()));
    }
}
