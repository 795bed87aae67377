package dev.flowctl.compat.check;

import dev.flowctl.compat.CompatRule;
import dev.flowctl.compat.Severity;
import dev.flowctl.spec.CompatibilityMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders docs/compatibility.md from the rule registry, so the page and {@code flowctl rules} never disagree. */
public final class RuleCatalog {
    /** The planner's refusal to re-create a deleted version: listed with the rules, though no schema rule judges it. */
    public static final String TOMBSTONE_ID = "VERSION_TOMBSTONED";
    public static final String TOMBSTONE_PURPOSE = "Re-creating a deleted flow version is refused with the date it was deleted; "
            + "publish under a new version name. (Checked by the planner, not a schema rule.)";
    public static final String TOMBSTONE_EXAMPLE = "v1 deleted, then v1 declared again";

    /** A refusal the planner makes outside the schema rules; it blocks under every mode. */
    public record PlannerRule(String id, String purpose, String example) {
    }

    /** Every planner refusal, listed after the schema rules (in the page and in {@code flowctl rules}). */
    public static final List<PlannerRule> PLANNER_RULES = List.of(
            new PlannerRule("VERSION_PROTECTED", "Deleting a version that an applied change marked protect: true is refused; remove the "
                    + "flag and apply that first (operations.md). (Checked by the planner against applied state, not a schema rule.)",
                    "v1 (protect: true, applied) removed"),
            new PlannerRule("FLOW_PROTECTED", "Deleting a whole flow that an applied change marked protect: true is refused, for each "
                    + "of its versions; remove the flag and apply that first. (Checked by the planner against applied state.)",
                    "flow (protect: true, applied) removed"),
            new PlannerRule(TOMBSTONE_ID, TOMBSTONE_PURPOSE, TOMBSTONE_EXAMPLE));

    private static final String TEMPLATE = "compatibility.md.template";
    private static final List<CompatibilityMode> MODES =
            List.of(CompatibilityMode.BACKWARD, CompatibilityMode.FORWARD, CompatibilityMode.FULL, CompatibilityMode.NONE);

    private RuleCatalog() {
    }

    /** The full text of docs/compatibility.md. */
    public static String markdown() {
        return template().replace("{{RULES}}", rulesTable()).replace("{{BREAKING_BY_MODE}}", breakingByMode());
    }

    /** The modes under which a rule can block a plan, e.g. {@code backward, full}; empty when never. */
    public static List<CompatibilityMode> blockingModes(CompatRule rule) {
        return MODES.stream().filter(m -> rule.worstUnder(m) == Severity.BREAKING).collect(Collectors.toList());
    }

    private static String rulesTable() {
        StringBuilder out = new StringBuilder("| rule ID | purpose | example | backward | forward | full | none |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (CompatRule r : RuleRegistry.all()) {
            out.append("| `").append(r.id()).append("` | ").append(r.purpose()).append(" | `").append(r.example()).append('`');
            for (CompatibilityMode m : MODES) out.append(" | ").append(cell(r.worstUnder(m)));
            out.append(" |\n");
        }
        for (PlannerRule r : PLANNER_RULES) {
            out.append("| `").append(r.id()).append("` | ").append(r.purpose()).append(" | `").append(r.example())
                    .append("` | **breaking** | **breaking** | **breaking** | **breaking** |\n");
        }
        return out.toString();
    }

    private static String breakingByMode() {
        StringBuilder out = new StringBuilder("| mode | rule IDs that block |\n|---|---|\n");
        for (CompatibilityMode m : MODES) {
            String ids = RuleRegistry.all().stream().filter(r -> r.worstUnder(m) == Severity.BREAKING)
                    .map(r -> "`" + r.id() + "`").collect(Collectors.joining(", "));
            out.append("| `").append(m.id()).append("` | ").append(ids.isEmpty() ? "none" : ids).append(" |\n");
        }
        return out.toString().strip();
    }

    private static String cell(Severity s) {
        String name = s.name().toLowerCase(Locale.ROOT);
        return s == Severity.BREAKING ? "**" + name + "**" : name;
    }

    private static String template() {
        try (InputStream in = RuleCatalog.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) throw new IllegalStateException(TEMPLATE + " is missing from the schema-compat jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
