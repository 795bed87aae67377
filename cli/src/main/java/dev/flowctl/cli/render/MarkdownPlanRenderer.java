package dev.flowctl.cli.render;

import dev.flowctl.compat.Finding;
import dev.flowctl.compat.Severity;
import dev.flowctl.plan.Action;
import dev.flowctl.plan.ActionReason;
import dev.flowctl.plan.CompatibilityViolation;
import dev.flowctl.plan.Plan;
import dev.flowctl.plan.PlannedChange;
import dev.flowctl.spec.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The plan as a pull-request comment: a hidden marker (so CI edits its earlier comment instead of
 * adding one), a one-line summary, violations with their fix, a table of changed flow versions and
 * input-level details folded in {@code <details>}. It never exceeds GitHub's comment limit: what does
 * not fit is left out with a note saying so.
 */
public final class MarkdownPlanRenderer implements PlanRenderer {
    /** GitHub refuses comments longer than 65,536 characters; stay clear of it. */
    public static final int MAX_CHARS = 65_000;
    /**
     * Every comment starts with this, then the environment ("default" without -e): CI finds its earlier
     * comment by that first line, and can write it itself when plan fails before it has a project.
     */
    public static final String MARKER_PREFIX = "<!-- flowctl-plan: ";

    private final int maxChars;
    private final String linkBase;

    public MarkdownPlanRenderer() {
        this(MAX_CHARS, null);
    }

    /** With a {@code linkBase} (ending in {@code /}), positions link to their line, e.g. {@code …/flows.yaml#L12}. */
    public MarkdownPlanRenderer(String linkBase) {
        this(MAX_CHARS, linkBase);
    }

    MarkdownPlanRenderer(int maxChars) {
        this(maxChars, null);
    }

    MarkdownPlanRenderer(int maxChars, String linkBase) {
        this.maxChars = maxChars;
        this.linkBase = linkBase;
    }

    /** The hidden marker for one environment: CI finds its previous comment by it. */
    public static String marker(Plan plan) {
        return MARKER_PREFIX + (plan.environment() == null ? "default" : plan.environment()) + " -->";
    }

    /** "2 to create, 1 to update, 0 to delete — blocked: 1 breaking change". */
    public static String summary(Plan plan) {
        if (!plan.hasChanges()) return "no changes, " + plan.changes().size() + " flow version" + plural(plan.changes().size()) + " up to date";
        String counts = plan.count(Action.CREATE) + " to create, " + plan.count(Action.UPDATE) + " to update, "
                + plan.count(Action.DELETE) + " to delete" + TextPlanRenderer.refactorings(plan);
        int v = plan.violations().size();
        return counts + (plan.blocked() ? " — blocked: " + v + " breaking change" + plural(v) : " — ready to apply");
    }

    @Override
    public String render(Plan plan) {
        String head = marker(plan) + "\n" + (plan.blocked() ? "⛔ " : plan.hasChanges() ? "📋 " : "✅ ")
                + "**flowctl plan** for " + code(plan.project()) + (plan.environment() == null ? "" : " (" + text(plan.environment()) + ")")
                + ": " + summary(plan) + "\n" + partialCallout(plan);
        Budget out = new Budget(head, maxChars);
        if (plan.blocked()) {
            out.add("\n### Breaking changes\n\nThese would break existing callers, so the plan cannot be applied.\n\n");
            for (CompatibilityViolation v : plan.violations()) {
                out.item("- **" + code(v.path()) + "** " + code(v.ruleId()) + place(v.position(), linkBase) + ": " + text(v.message())
                        + "  \n  **Fix:** " + text(v.fix()) + "\n");
            }
        }
        if (!plan.warnings().isEmpty()) {
            out.add("\n### Warnings\n\n");
            for (dev.flowctl.plan.PlanWarning w : plan.warnings()) {
                out.item("- ⚠️ " + code(w.code()) + place(w.position(), linkBase) + ": " + text(w.message()) + "\n");
            }
        }
        if (plan.hasChanges()) {
            out.add("\n### Changes\n");
            if (plan.groupedByOwner()) {
                // One table per owner, so each team finds its part of a plan of a split spec.
                plan.actionableByOwner().forEach((owner, changes) -> {
                    out.add("\n#### " + text(owner) + "\n");
                    table(changes, out);
                });
            } else {
                table(plan.actionable(), out);
            }
            List<PlannedChange> detailed = plan.actionable().stream().filter(c -> !c.schemaChanges().isEmpty()).toList();
            if (!detailed.isEmpty()) out.add("\n");
            for (PlannedChange c : detailed) out.item(details(c, linkBase));
        }
        return out.finish("\n> ✂️ %d item%s left out to stay under GitHub's comment size limit; "
                + "the job log has the full plan (`flowctl show` renders a saved plan).\n");
    }

    private static void table(List<PlannedChange> changes, Budget out) {
        out.add("\n| | Flow version | Action | Why | Inputs |\n|---|---|---|---|---|\n");
        for (PlannedChange c : changes) {
            String subject = c.movedFrom() == null ? code(c.address().toString())
                    : code(c.movedFrom().toString()) + " → " + code(c.address().toString());
            out.item("| " + icon(c) + " | " + subject + " | " + c.action().verb() + " | "
                    + text(c.reasons().stream().sorted().map(ActionReason::text).collect(Collectors.joining(", ")))
                    + (c.action() == Action.DELETE ? "; the name is retired permanently" : "") + " | " + inputSummary(c) + " |\n");
        }
    }

    private static String details(PlannedChange c, String linkBase) {
        StringBuilder b = new StringBuilder();
        b.append("<details><summary>").append(text(c.address().toString())).append(": ")
                .append(c.schemaChanges().size()).append(" input change").append(plural(c.schemaChanges().size()))
                .append("</summary>\n\n| Input | Before | After | Verdict |\n|---|---|---|---|\n");
        for (Finding f : c.schemaChanges()) {
            b.append("| ").append(linked(code(f.path()), f.position(), linkBase)).append(" | ").append(f.before() == null ? "—" : code(f.before()))
                    .append(" | ").append(f.after() == null ? "—" : code(f.after())).append(" | ").append(verdict(c, f)).append(" |\n");
        }
        return b.append("\n</details>\n").toString();
    }

    private static String verdict(PlannedChange c, Finding f) {
        // a new or deleted version has no callers of its own schema to break
        if (c.action() == Action.CREATE) return "new";
        if (c.action() == Action.DELETE) return "deleted with the version";
        String rule = code(f.ruleId());
        if (f.severity() == Severity.BREAKING) return "⛔ breaking " + rule;
        if (f.severity() == Severity.WARNING) return "⚠️ " + rule + ": " + text(f.message());
        return "safe " + rule;
    }

    private static String inputSummary(PlannedChange c) {
        if (c.schemaChanges().isEmpty()) return "—";
        int added = 0;
        int removed = 0;
        int changed = 0;
        for (Finding f : c.schemaChanges()) {
            if (f.before() == null) added++;
            else if (f.after() == null) removed++;
            else changed++;
        }
        List<String> parts = new ArrayList<>();
        if (added > 0) parts.add(added + " added");
        if (changed > 0) parts.add(changed + " changed");
        if (removed > 0) parts.add(removed + " removed");
        return String.join(", ", parts) + (c.blocked() ? " ⛔" : "");
    }

    private static String icon(PlannedChange c) {
        if (c.blocked()) return "⛔";
        return switch (c.action()) {
            case CREATE -> "➕";
            case UPDATE -> "🔄";
            case DELETE -> "🗑️";
            case MOVE -> "🔀";
            case FORGET -> "👋";
            case REPLACE -> "♻️";
            case NO_OP -> "";
        };
    }

    /**
     * " at `flows.yaml:12:7`", or with a link base " at [`flows.yaml:12:7`](BASE/flows.yaml#L12)"; "" for no position.
     */
    static String place(SourcePosition p, String linkBase) {
        return p == null ? "" : " at " + linked(code(p.toString()), p, linkBase);
    }

    /** {@code shown} as a link to the line of {@code p} when there is a link base and a position. */
    static String linked(String shown, SourcePosition p, String linkBase) {
        if (p == null || linkBase == null) return shown;
        return "[" + shown + "](" + linkBase + url(p.file()) + "#L" + p.line() + ")";
    }

    /** Each segment of a repository path percent-encoded, so no character of it can end the link. */
    private static String url(String path) {
        StringBuilder b = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (b.length() > 0) b.append('/');
            b.append(java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.toString();
    }

    /**
     * A code span safe inside a table cell: no backtick can end it early, no pipe can split the
     * cell, no control or bidi character ({@link Printable}) can reorder or hide what it shows.
     */
    /** A GitHub alert under the summary of a partial plan, so no reviewer takes it for the whole change. */
    private static String partialCallout(Plan plan) {
        if (!plan.partial()) return "";
        List<String> patterns = new ArrayList<>();
        plan.targets().include().forEach(p -> patterns.add("--target " + p));
        plan.targets().exclude().forEach(p -> patterns.add("--exclude " + p));
        return "\n> [!WARNING]\n> **Partial plan** (" + patterns.stream().map(MarkdownPlanRenderer::code).collect(Collectors.joining(" "))
                + "): other flow versions are neither planned nor changed, so this may not show every difference between "
                + "flows.yaml and the applied state.\n";
    }

    static String code(String s) {
        String body = Printable.line(s).replace("`", "'").replace("|", "\\|");
        return "`" + body + "`";
    }

    /**
     * Plain text safe inside a table cell or list item: no HTML (a comment or tag could hide the
     * rest of the comment), no link or image, no code span, no cell break, nothing {@link Printable} escapes.
     */
    static String text(String s) {
        return escapeHtml(Printable.line(s)).replace("\\", "\\\\").replace("`", "\\`").replace("[", "\\[")
                .replace("]", "\\]").replace("|", "\\|");
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }

    /** Appends while there is room; counts what had to be left out. */
    private static final class Budget {
        /** Room kept for the truncation note. */
        private static final int NOTE_ROOM = 300;
        private final StringBuilder text;
        private final int max;
        private int omitted;

        Budget(String head, int max) {
            this.text = new StringBuilder(head);
            this.max = max;
        }

        /** A section heading: kept only if something after it still fits. */
        void add(String s) {
            if (omitted == 0 && text.length() + s.length() + NOTE_ROOM <= max) text.append(s);
        }

        void item(String s) {
            if (omitted == 0 && text.length() + s.length() + NOTE_ROOM <= max) text.append(s);
            else omitted++;
        }

        String finish(String noteFormat) {
            if (omitted > 0) text.append(String.format(java.util.Locale.ROOT, noteFormat, omitted, plural(omitted)));
            return text.toString();
        }
    }
}
