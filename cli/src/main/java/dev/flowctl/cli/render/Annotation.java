package dev.flowctl.cli.render;

import dev.flowctl.compat.Finding;
import dev.flowctl.compat.Severity;
import dev.flowctl.drift.DriftEntry;
import dev.flowctl.drift.DriftReport;
import dev.flowctl.plan.CompatibilityViolation;
import dev.flowctl.plan.Plan;
import dev.flowctl.plan.PlannedChange;
import dev.flowctl.spec.SourcePosition;
import dev.flowctl.spec.SpecPositions;
import dev.flowctl.spec.SpecProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * One thing a CI system should mark on a line of flows.yaml: a breaking change, a warning, drift or a
 * validation problem. The GitHub and GitLab formats both write these, so they can never disagree.
 *
 * @param position where, or null when nothing of it is written in flows.yaml
 * @param check    a stable name for the kind of finding: a rule ID, or the code of a drift kind or of a
 *                 flows.yaml problem ({@code FLOWCTL-E0108})
 * @param subject  what it is about, stable as lines move (an address or path): with {@code check} it
 *                 identifies the finding across runs
 */
public record Annotation(Level level, SourcePosition position, String check, String subject, String title, String message) {
    /** How much it matters: an error blocks, a warning asks for a look, a notice informs. */
    public enum Level { ERROR, WARNING, NOTICE }

    /** Every violation (error) and warning of the plan, then its summary (notice). */
    public static List<Annotation> of(Plan plan) {
        List<Annotation> out = new ArrayList<>();
        for (CompatibilityViolation v : plan.violations()) {
            out.add(new Annotation(Level.ERROR, v.position(), v.ruleId(), v.path(), "Breaking change " + v.ruleId() + " in " + v.path(),
                    v.message() + ". Fix: " + v.fix() + "."));
        }
        for (PlannedChange c : plan.actionable()) {
            for (Finding f : c.schemaChanges()) {
                if (f.severity() != Severity.WARNING) continue;
                String path = c.address() + ".inputs." + f.path();
                out.add(new Annotation(Level.WARNING, f.position(), f.ruleId(), path, "Warning " + f.ruleId() + " in " + path,
                        f.message() + "."));
            }
        }
        for (dev.flowctl.plan.PlanWarning w : plan.warnings()) {
            // A deprecated version or a risky deletion: marked on its line (or the file) for the reviewer.
            out.add(new Annotation(Level.WARNING, w.position(), w.code(), w.path(), "Warning " + w.code() + " for " + w.path(),
                    w.message()));
        }
        out.add(new Annotation(Level.NOTICE, null, "SUMMARY", plan.project(), "flowctl plan", MarkdownPlanRenderer.summary(plan) + "."));
        return out;
    }

    /** Every drifted flow version, as a warning: drift is found after review, not in it. */
    public static List<Annotation> of(DriftReport report) {
        List<Annotation> out = new ArrayList<>();
        for (DriftEntry e : report.drift()) {
            String code = e.kind().code().id();
            out.add(new Annotation(Level.WARNING, e.position(), code, e.address().toString(),
                    "Drift: " + e.address() + " is " + e.kind().label() + " [" + code + "]", e.kind().meaning() + ". Fix: " + e.fix() + "."));
        }
        return out;
    }

    /** Every problem of an invalid flows.yaml, as an error titled with its code, its file named relative to the repository root. */
    public static List<Annotation> ofProblems(List<SpecProblem> problems) {
        List<Annotation> out = new ArrayList<>();
        for (SpecProblem p : problems) {
            String file = SpecPositions.repositoryFile(java.nio.file.Path.of(p.file()));
            SourcePosition at = p.line() > 0 ? new SourcePosition(file, p.line(), Math.max(1, p.column())) : null;
            out.add(new Annotation(Level.ERROR, at, p.code().id(), file + " " + p.message(), "Invalid " + file + " [" + p.code().id() + "]",
                    p.message()));
        }
        return out;
    }
}
