package dev.flowctl.compat;

import dev.flowctl.compat.check.CompatibilityChecker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.spec.CompatibilityMode;
import dev.flowctl.spec.InputSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The table in {@code verdicts.md}: realistic changes, the rules that report them and the verdict under each mode. */
class VerdictTableTest {
    private static final Path TABLE = Path.of("src/test/resources/verdicts.md");
    private static final String TYPES = """
            types:
              s3_path: { base: string, pattern: '^s3://[a-z0-9.-]{3,63}/.*$' }
              s3_prod_path: { base: string, pattern: '^s3://prod-[a-z0-9.-]{3,58}/.*$' }
              history_months: { base: int, min: 1, max: 120 }
              recent_months: { base: int, min: 1, max: 60 }
              lookback: { base: int }
            """;
    private static final List<CompatibilityMode> MODES =
            List.of(CompatibilityMode.BACKWARD, CompatibilityMode.FORWARD, CompatibilityMode.FULL, CompatibilityMode.NONE);

    private final CompatibilityChecker checker = new CompatibilityChecker();

    /** One table row: {@code # | change | before | after | rules | backward | forward | full | none}. */
    record Row(String number, String change, String before, String after, String rules, List<String> verdicts) {
        static Row parse(String line) {
            String[] c = Arrays.stream(line.split("\\|")).map(String::strip).toArray(String[]::new);
            return new Row(c[1], c[2], c[3], c[4], c[5], List.of(c[6], c[7], c[8], c[9]));
        }
    }

    static List<Row> rows() throws IOException {
        return Files.readAllLines(TABLE, StandardCharsets.UTF_8).stream()
                .filter(l -> l.matches("\\|\\s*\\d+\\s*\\|.*")).map(Row::parse).collect(Collectors.toList());
    }

    @Test
    void theTableHasAtLeastFortyChanges() throws IOException {
        assertTrue(rows().size() >= 40, "rows: " + rows().size());
    }

    @TestFactory
    Stream<DynamicTest> eachChangeGetsItsVerdictUnderEveryMode() throws IOException {
        return rows().stream().map(row -> DynamicTest.dynamicTest(row.number() + " " + row.change(), () -> {
            List<InputSpec> before = Schemas.viaState(Schemas.parse(TYPES + "inputs: " + row.before()));
            List<InputSpec> after = Schemas.parse(TYPES + "inputs: " + row.after());
            List<String> verdicts = new ArrayList<>();
            for (CompatibilityMode mode : MODES) {
                List<Finding> findings = checker.check(before, after, mode);
                String rules = findings.stream().map(Finding::ruleId).collect(Collectors.toCollection(TreeSet::new)).stream()
                        .collect(Collectors.joining(", "));
                assertEquals(row.rules(), rules.isEmpty() ? "-" : rules, "rules under " + mode.id() + ": " + findings);
                verdicts.add(CompatibilityChecker.verdict(findings).name().toLowerCase(Locale.ROOT));
            }
            assertEquals(row.verdicts(), verdicts, "verdicts under backward, forward, full, none");
        }));
    }
}
