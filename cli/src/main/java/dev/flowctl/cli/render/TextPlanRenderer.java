package dev.flowctl.cli.render;

import dev.flowctl.compat.Finding;
import dev.flowctl.compat.Severity;
import dev.flowctl.plan.Action;
import dev.flowctl.plan.ActionReason;
import dev.flowctl.plan.CompatibilityViolation;
import dev.flowctl.plan.Plan;
import dev.flowctl.plan.PlannedChange;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * The human plan, in the Terraform idiom: {@code +} create, {@code ~} update, {@code -} delete, {@code ->} move,
 * {@code .} forget, {@code -/+} replace.
 */
public final class TextPlanRenderer implements PlanRenderer {
    private final Style style;

    public TextPlanRenderer(Style style) {
        this.style = style;
    }

    @Override
    public String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        write(plan, out);
        return out.toString();
    }

    /** Writes the plan as it goes, so a plan of a hundred thousand inputs is never one string. */
    @Override
    public void render(Plan plan, PrintWriter out) {
        write(plan, out);
    }

    private void write(Plan plan, Appendable appendable) {
        Lines out = new Lines(appendable);
        if (plan.partial()) out.append(style.yellow(partialWarning(plan))).append("\n\n");
        if (!plan.hasChanges()) {
            out.append(style.green("No changes.")).append(plan.partial() ? " The selected flow versions match" : " flows.yaml matches")
                    .append(" the applied state (")
                    .append(plan.changes().size()).append(" flow version").append(plan.changes().size() == 1 ? "" : "s")
                    .append(" up to date).\n");
            out.append(warnings(plan));
            if (plan.partial()) out.append('\n').append(style.yellow(partialWarning(plan))).append('\n');
            return;
        }
        out.append("flowctl will perform the following actions:\n");
        if (plan.groupedByOwner()) {
            // Each team reads its own part of a plan of a split spec.
            plan.actionableByOwner().forEach((owner, changes) -> {
                out.append('\n').append(style.bold("Owner " + Printable.line(owner) + " (" + changes.size() + " change"
                        + (changes.size() == 1 ? "" : "s") + "):")).append('\n');
                changes.forEach(c -> change(c, out));
            });
        } else {
            plan.actionable().forEach(c -> change(c, out));
        }
        out.append('\n').append(style.bold(summary(plan))).append('\n');
        out.append(warnings(plan));
        if (plan.blocked()) out.append('\n').append(violations(plan));
        if (plan.partial()) out.append('\n').append(style.yellow(partialWarning(plan))).append('\n');
    }

    /**
     * Said at the top and the bottom of a partial plan, where nobody misses it: Terraform users have
     * applied a -target plan believing it was the whole change.
     */
    public static String partialWarning(Plan plan) {
        return "Warning: this plan is partial (" + plan.targets().describe() + "): other flow versions are neither "
                + "planned nor changed, so it may not show every difference between flows.yaml and the applied state.";
    }

    /** One change: its heading, its symbol line and its input-level changes. */
    private void change(PlannedChange c, Lines out) {
        out.append('\n');
        String reasons = c.reasons().stream().sorted().map(ActionReason::text).collect(Collectors.joining(", "));
        String heading = c.action() == Action.MOVE ? "# " + c.movedFrom() + " has moved to " + c.address()
                : "# " + c.address() + " will be " + past(c.action());
        out.append("  ").append(style.bold(heading))
                .append(c.action() == Action.UPDATE || c.action() == Action.MOVE || c.action() == Action.REPLACE ? " (" + reasons + ")" : "")
                .append('\n');
        String subject = c.action() == Action.MOVE ? c.movedFrom() + " -> " + c.address() : c.address().toString();
        out.append("  ").append(color(c.action(), c.action().symbol() + " " + subject)).append('\n');
        int width = c.schemaChanges().stream().map(f -> f.path().length()).max(Comparator.naturalOrder()).orElse(0);
        for (Finding f : c.schemaChanges()) {
            out.append("      ").append(line(f, width)).append('\n');
        }
        if (c.action() == Action.DELETE) out.append("      ").append(style.red(retired(c))).append('\n');
    }

    /** An Appendable whose IOException (impossible for the writers used here) is unchecked. */
    private record Lines(Appendable target) {
        Lines append(CharSequence s) {
            try {
                target.append(s);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return this;
        }

        Lines append(char c) {
            return append(String.valueOf(c));
        }

        Lines append(long n) {
            return append(Long.toString(n));
        }
    }

    /** "Plan: 2 to create, 1 to update, 0 to delete." (then moves, forgets and replaces, when there are any). */
    public static String summary(Plan plan) {
        return "Plan: " + plan.count(Action.CREATE) + " to create, " + plan.count(Action.UPDATE) + " to update, "
                + plan.count(Action.DELETE) + " to delete" + refactorings(plan) + ".";
    }

    /** ", 1 to move, 1 to forget, 1 to replace": only the kinds present, so plans without them read as before. */
    public static String refactorings(Plan plan) {
        StringBuilder b = new StringBuilder();
        for (Action a : new Action[] {Action.MOVE, Action.FORGET, Action.REPLACE}) {
            long n = plan.count(a);
            if (n > 0) b.append(", ").append(n).append(" to ").append(a.verb());
        }
        return b.toString();
    }

    /** What every deletion says: a deleted version's name is tombstoned and never deployed again. */
    public static String retired(PlannedChange delete) {
        return "the name " + delete.address() + " is retired permanently: a deleted version is never deployed again";
    }

    /** One line per warning (deprecated versions, risky deletions); none blocks the plan. */
    private String warnings(Plan plan) {
        StringBuilder out = new StringBuilder();
        for (dev.flowctl.plan.PlanWarning w : plan.warnings()) {
            String where = w.position() == null ? "" : Printable.line(w.position().toString()) + ": ";
            out.append('\n').append(style.yellow("Warning: " + where + Printable.line(w.message()))).append(" [").append(w.code())
                    .append("]\n");
        }
        return out.toString();
    }

    private String violations(Plan plan) {
        StringBuilder out = new StringBuilder();
        int n = plan.violations().size();
        out.append(style.red("Error: plan blocked by " + n + " breaking change" + (n == 1 ? "" : "s")
                + "; it cannot be applied. [" + dev.flowctl.errors.ErrorCode.PLAN_BLOCKED.id() + "]")).append('\n');
        for (CompatibilityViolation v : plan.violations()) {
            String where = v.position() == null ? "" : Printable.line(v.position().toString()) + ": ";
            out.append('\n').append("  ").append(style.red("x " + where + Printable.line(v.path()))).append(" [").append(v.ruleId()).append("]\n");
            out.append("    ").append(Printable.line(v.message())).append('\n');
            out.append("    Fix: ").append(Printable.line(v.fix())).append('\n');
        }
        return out.toString();
    }

    /** One schema change; every value in it comes from flows.yaml, so each is made {@link Printable}. */
    private String line(Finding f, int width) {
        String name = Printable.line(f.path()) + ":" + " ".repeat(Math.max(0, width - f.path().length())) + " ";
        String before = Printable.line(f.before());
        String after = Printable.line(f.after());
        String text;
        if (before == null) {
            text = color(Action.CREATE, "+ " + name + after);
        } else if (after == null) {
            text = color(Action.DELETE, "- " + name + before);
        } else {
            text = color(Action.UPDATE, "~ " + name + before + " -> " + after);
        }
        if (f.severity() == Severity.BREAKING) return text + "  " + style.red("BREAKING " + f.ruleId());
        if (f.severity() == Severity.WARNING) {
            return text + "  " + style.yellow((f.position() == null ? "" : Printable.line(f.position().toString()) + ": ")
                    + "warning " + f.ruleId() + ": " + Printable.line(f.message()));
        }
        return text;
    }

    private String color(Action a, String s) {
        return switch (a) {
            case CREATE -> style.green(s);
            case UPDATE -> style.yellow(s);
            case DELETE -> style.red(s);
            case REPLACE -> style.yellow(s);
            case MOVE, FORGET, NO_OP -> s;
        };
    }

    private static String past(Action a) {
        return switch (a) {
            case CREATE -> "created";
            case UPDATE -> "updated in-place";
            case DELETE -> "deleted";
            case NO_OP -> "left unchanged";
            case MOVE -> "moved";
            case FORGET -> "forgotten: removed from state, left running in the engine";
            case REPLACE -> "redeployed";
        };
    }
}
