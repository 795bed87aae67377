package dev.flowctl.compat;

import dev.flowctl.compat.check.CompatibilityChecker;
import dev.flowctl.compat.check.RuleRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.spec.CompatibilityMode;
import dev.flowctl.spec.InputSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * One folder per rule ID under {@code rules/}: {@code before.yaml} (or {@code .json}, a schema as
 * recorded in state), {@code after.yaml}, and {@code expected.txt} listing, per mode, every finding
 * as {@code mode address RULE_ID SEVERITY}. In {@code none} mode the same changes are listed but
 * nothing is more than info.
 */
class RuleFixturesTest {
    static final Path RULES = Path.of("src/test/resources/rules");
    private static final String ADDRESS = "fleet@v1.inputs.";
    private final CompatibilityChecker checker = new CompatibilityChecker();

    @TestFactory
    Stream<DynamicTest> everyRuleFolderYieldsExactlyItsExpectedFindings() throws IOException {
        return folders().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            List<InputSpec> before = Schemas.viaState(Schemas.read(side(dir, "before")));
            List<InputSpec> after = Schemas.read(side(dir, "after"));
            List<String> expected = Files.readAllLines(dir.resolve("expected.txt"), StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> String.join(" ", l.split("\\s+"))).collect(Collectors.toList());
            List<String> actual = new ArrayList<>();
            for (CompatibilityMode mode : List.of(CompatibilityMode.BACKWARD, CompatibilityMode.FORWARD, CompatibilityMode.FULL)) {
                for (Finding f : checker.check(before, after, mode)) {
                    actual.add(mode.id() + " " + ADDRESS + f.path() + " " + f.ruleId() + " " + f.severity());
                }
            }
            assertEquals(expected, actual);
            String rule = dir.getFileName().toString();
            List<Finding> none = checker.check(before, after, CompatibilityMode.NONE);
            assertTrue(none.stream().anyMatch(f -> f.ruleId().equals(rule)), "none mode still lists the change: " + none);
            assertTrue(none.stream().allMatch(f -> f.severity().compareTo(Severity.INFO) <= 0), "none mode never warns or blocks: " + none);
        }));
    }

    @Test
    void everyRegisteredRuleHasAFixtureFolderAndEveryFolderARule() throws IOException {
        Set<String> folders = folders().map(d -> d.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> rules = RuleRegistry.all().stream().map(CompatRule::id).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(rules, folders);
    }

    private static Stream<Path> folders() throws IOException {
        try (Stream<Path> s = Files.list(RULES)) {
            return s.filter(Files::isDirectory).sorted().collect(Collectors.toList()).stream();
        }
    }

    private static Path side(Path dir, String name) {
        Path yaml = dir.resolve(name + ".yaml");
        return Files.exists(yaml) ? yaml : dir.resolve(name + ".json");
    }
}
