package dev.flowctl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flowctl.cli.render.OutputFormat;
import dev.flowctl.compat.CompatRule;
import dev.flowctl.compat.Severity;
import dev.flowctl.compat.check.RuleCatalog;
import dev.flowctl.compat.check.RuleRegistry;
import dev.flowctl.spec.CompatibilityMode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec.Target;

@Command(name = "rules", aliases = "compat-rules", mixinStandardHelpOptions = true, description = {
        "List every compatibility rule: its stable ID, what it checks, and the modes under which it blocks a plan.",
        "",
        "The same registry generates docs/compatibility.md (--format markdown)."},
        exitCodeList = {"0:Printed."})
final class RulesCommand implements Callable<Integer>, FormatOption.Formats {
    @Mixin
    FormatOption format;

    @Override
    public List<OutputFormat> formats() {
        return List.of(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.MARKDOWN);
    }

    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec command;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = command.commandLine().getOut();
        switch (format.get()) {
            case JSON -> out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(Map.of("rules", listing())));
            case MARKDOWN -> out.print(RuleCatalog.markdown());
            default -> out.print(text());
        }
        return ExitCode.OK;
    }

    private static String text() {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> rule : listing()) {
            @SuppressWarnings("unchecked")
            List<String> blocks = (List<String>) rule.get("blocksUnder");
            out.append(rule.get("id")).append("  (blocks under: ").append(blocks.isEmpty() ? "never" : String.join(", ", blocks)).append(")\n")
                    .append("    ").append(rule.get("purpose")).append('\n')
                    .append("    e.g. ").append(rule.get("example")).append('\n');
        }
        out.append('\n').append(listing().size()).append(" rules. Modes: backward (default), forward, full, none; see docs/compatibility.md.\n");
        return out.toString();
    }

    /** Every rule in registry order, then the planner's refusals (protected deletions, tombstones), as plain values for text and JSON. */
    static List<Map<String, Object>> listing() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CompatRule r : RuleRegistry.all()) {
            Map<String, Object> severities = new LinkedHashMap<>();
            for (CompatibilityMode m : CompatibilityMode.values()) severities.put(m.id(), name(r.worstUnder(m)));
            out.add(entry(r.id(), r.purpose(), r.example(), severities,
                    RuleCatalog.blockingModes(r).stream().map(CompatibilityMode::id).collect(Collectors.toList())));
        }
        Map<String, Object> always = new LinkedHashMap<>();
        for (CompatibilityMode m : CompatibilityMode.values()) always.put(m.id(), name(Severity.BREAKING));
        for (RuleCatalog.PlannerRule r : RuleCatalog.PLANNER_RULES) {
            out.add(entry(r.id(), r.purpose(), r.example(), always,
                    List.of(CompatibilityMode.values()).stream().map(CompatibilityMode::id).collect(Collectors.toList())));
        }
        return out;
    }

    private static Map<String, Object> entry(String id, String purpose, String example, Map<String, Object> severities, List<String> blocks) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("purpose", purpose);
        e.put("example", example);
        e.put("severity", severities);
        e.put("blocksUnder", blocks);
        return e;
    }

    private static String name(Severity s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
