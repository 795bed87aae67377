package dev.flowctl.cli.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowctl.drift.DriftEntry;
import dev.flowctl.drift.DriftKind;
import dev.flowctl.drift.DriftReport;
import dev.flowctl.drift.UnappliedChange;
import dev.flowctl.plan.ActionReason;
import dev.flowctl.port.DriftDifference;
import java.util.Comparator;
import java.util.stream.Collectors;

/** The text, Markdown and JSON views of a {@link DriftReport}; all read only the report. */
public final class DriftRenderers {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DriftRenderers() {
    }

    /** The report in {@code format}; with a {@code linkBase}, Markdown links each position to its line. */
    public static String render(OutputFormat format, DriftReport report, Style style, String linkBase) {
        return switch (format) {
            case TEXT -> text(report, style);
            case MARKDOWN -> markdown(report, linkBase);
            case JSON -> json(report);
            case GITHUB -> CiAnnotations.github(Annotation.of(report));
            case GITLAB -> CiAnnotations.gitlab(Annotation.of(report), CiAnnotations.fileOf(Annotation.of(report)));
        };
    }

    public static String text(DriftReport r, Style style) {
        StringBuilder b = new StringBuilder();
        b.append("Drift of project ").append(r.project()).append(r.environment() == null ? "" : " (" + r.environment() + ")")
                .append(" in the ").append(r.engineType()).append(" engine, against state serial ").append(r.stateSerial())
                .append(":\n\n");
        for (DriftEntry e : r.drift()) {
            // Addresses, references and hashes of what is live come from the engine's answer: printed escaped.
            String head = "  " + marker(e.kind()) + " " + Printable.line(e.address().toString()) + "  " + e.kind().label() + ": " + e.kind().meaning()
                    + " [" + e.kind().code().id() + "]";
            b.append(e.kind() == DriftKind.MODIFIED ? style.yellow(head) : style.red(head)).append('\n');
            if (e.position() != null) b.append("      at: ").append(Printable.line(e.position().toString())).append('\n');
            if (e.engineRef() != null) b.append("      engine: ").append(Printable.line(e.engineRef())).append('\n');
            for (DriftDifference d : e.differences()) {
                b.append("      ").append(Printable.line(d.what())).append(": applied ").append(Printable.line(d.applied())).append(", live ")
                        .append(Printable.line(d.live())).append('\n');
            }
            b.append("      fix: ").append(Printable.line(e.fix())).append('\n');
        }
        if (!r.hasDrift()) {
            b.append(style.green("  No drift: the engine matches state for all " + r.managed() + " managed flow versions.")).append('\n');
        }
        if (!r.unapplied().isEmpty()) {
            b.append("\nUnapplied changes in flows.yaml (not drift; run plan for details):\n");
            for (UnappliedChange c : r.unapplied()) {
                b.append("  ").append(c.action().symbol()).append(' ').append(c.address()).append("  ").append(c.action().verb())
                        .append(" (").append(reasons(c)).append(")\n");
            }
        }
        if (r.hasDrift()) {
            b.append('\n').append(style.bold("Drift found: " + summary(r) + ".")).append('\n');
        }
        return b.toString();
    }

    public static String markdown(DriftReport r) {
        return markdown(r, null);
    }

    public static String markdown(DriftReport r, String linkBase) {
        StringBuilder b = new StringBuilder();
        b.append("### flowctl drift: ").append(MarkdownPlanRenderer.code(r.project())).append(r.environment() == null ? "" : " (" + r.environment() + ")")
                .append("\n\n");
        b.append(r.hasDrift() ? "**Drift found:** " + summary(r) : "**No drift** across " + r.managed() + " managed flow versions")
                .append(" — ").append(r.engineType()).append(" engine, state serial ").append(r.stateSerial()).append(".\n\n");
        if (r.hasDrift()) {
            b.append("| Flow version | Drift | What differs | Fix |\n|---|---|---|---|\n");
            for (DriftEntry e : r.drift()) {
                String what = e.differences().isEmpty() ? e.kind().meaning() : e.differences().stream()
                        .map(d -> MarkdownPlanRenderer.text(d.what()) + ": applied " + MarkdownPlanRenderer.code(d.applied()) + ", live "
                                + MarkdownPlanRenderer.code(d.live())).collect(Collectors.joining("<br>"));
                b.append("| ").append(MarkdownPlanRenderer.code(e.address().toString()))
                        .append(MarkdownPlanRenderer.place(e.position(), linkBase)).append(" | ").append(e.kind().label())
                        .append(" `").append(e.kind().code().id()).append("` | ").append(what).append(" | ").append(MarkdownPlanRenderer.text(e.fix())).append(" |\n");
            }
            b.append('\n');
        }
        if (!r.unapplied().isEmpty()) {
            b.append("<details><summary>").append(r.unapplied().size()).append(" unapplied change(s) in flows.yaml</summary>\n\n");
            for (UnappliedChange c : r.unapplied()) {
                b.append("- ").append(MarkdownPlanRenderer.code(c.address().toString())).append(' ').append(c.action().verb()).append(" (").append(reasons(c)).append(")\n");
            }
            b.append("\n</details>\n");
        }
        return b.toString();
    }

    public static String json(DriftReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", r.formatVersion());
        root.put("project", r.project());
        root.put("environment", r.environment());
        root.put("engine", r.engineType());
        root.put("stateSerial", r.stateSerial());
        root.put("managed", r.managed());
        ObjectNode summary = root.putObject("summary");
        for (DriftKind k : DriftKind.values()) summary.put(k.label(), r.count(k));
        ArrayNode drift = root.putArray("drift");
        for (DriftEntry e : r.drift()) {
            ObjectNode n = drift.addObject();
            n.put("address", e.address().toString());
            n.put("kind", e.kind().name());
            n.put("code", e.kind().code().id());
            n.put("engineRef", e.engineRef());
            ArrayNode diffs = n.putArray("differences");
            e.differences().forEach(d -> diffs.addObject().put("what", d.what()).put("applied", d.applied()).put("live", d.live()));
            n.put("fix", e.fix());
            JsonPlanRenderer.position(n, e.position());
        }
        ArrayNode unapplied = root.putArray("unapplied");
        for (UnappliedChange c : r.unapplied()) {
            ObjectNode n = unapplied.addObject();
            n.put("address", c.address().toString());
            n.put("action", c.action().name());
            ArrayNode reasons = n.putArray("reasons");
            c.reasons().stream().sorted().forEach(x -> reasons.add(x.name()));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String marker(DriftKind k) {
        return switch (k) {
            case MISSING -> "-";
            case MODIFIED -> "~";
            case UNMANAGED -> "?";
        };
    }

    private static String summary(DriftReport r) {
        return r.count(DriftKind.MISSING) + " missing, " + r.count(DriftKind.MODIFIED) + " modified, "
                + r.count(DriftKind.UNMANAGED) + " unmanaged";
    }

    private static String reasons(UnappliedChange c) {
        return c.reasons().stream().sorted(Comparator.naturalOrder()).map(ActionReason::text).collect(Collectors.joining(", "));
    }
}
