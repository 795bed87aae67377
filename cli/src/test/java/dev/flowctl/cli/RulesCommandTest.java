package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.compat.check.RuleCatalog;
import dev.flowctl.compat.check.RuleRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesCommandTest {
    @Test
    void listsEveryRuleWithItsPurposeAndTheModesItBlocksUnder() {
        Cli.Result r = Cli.run("rules");
        assertEquals(0, r.code(), r.toString());
        RuleRegistry.all().forEach(rule -> assertTrue(r.out().contains(rule.id() + "  (blocks under: ") && r.out().contains(rule.purpose()), rule.id()));
        assertTrue(r.out().contains("INPUT_ADDED_REQUIRED  (blocks under: backward, full)"), r.out());
        assertTrue(r.out().contains("INPUT_ADDED_OPTIONAL  (blocks under: never)"), r.out());
        assertTrue(r.out().contains("VERSION_TOMBSTONED  (blocks under: backward, forward, full, none)"), r.out());
    }

    @Test
    void jsonListsTheSameRulesForTools() throws Exception {
        Cli.Result r = Cli.run("rules", "--format", "json");
        assertEquals(0, r.code(), r.toString());
        JsonNode rules = new ObjectMapper().readTree(r.out()).get("rules");
        List<String> ids = new ArrayList<>();
        rules.forEach(n -> ids.add(n.get("id").asText()));
        List<String> expected = new ArrayList<>();
        RuleRegistry.all().forEach(rule -> expected.add(rule.id()));
        expected.addAll(List.of("VERSION_PROTECTED", "FLOW_PROTECTED", "VERSION_TOMBSTONED"));
        assertEquals(expected, ids);
        JsonNode enumAdded = rules.get(ids.indexOf("ENUM_VALUE_ADDED"));
        assertEquals("info", enumAdded.get("severity").get("backward").asText());
        assertEquals("breaking", enumAdded.get("severity").get("forward").asText());
    }

    @Test
    void markdownIsTheCommittedCompatibilityPage() throws Exception {
        Cli.Result r = Cli.run("compat-rules", "--format", "markdown");
        assertEquals(0, r.code(), r.toString());
        assertEquals(RuleCatalog.markdown(), r.out());
        assertEquals(Files.readString(Path.of("..", "docs", "compatibility.md"), StandardCharsets.UTF_8), r.out());
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Cli.Result r = Cli.run("rules", "--format", "yaml");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("--format"), r.err());
    }
}
