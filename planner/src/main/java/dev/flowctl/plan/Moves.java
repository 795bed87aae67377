package dev.flowctl.plan;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.spec.FlowSpec;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Refactorings;
import dev.flowctl.spec.SourcePosition;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecException;
import dev.flowctl.spec.SpecProblem;
import dev.flowctl.state.DeployedVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code moved:} entries that apply to this state: new address to the recorded one it renames. An
 * entry whose old name state no longer records (applied before) does nothing and stays valid, as
 * Terraform's kept moved blocks do; one whose new name state already records is an error at the entry.
 */
final class Moves {
    private Moves() {
    }

    static Map<String, FlowVersionAddress> of(Spec spec, Map<String, DeployedVersion> deployed) {
        if (spec.refactorings().moved().isEmpty()) return Map.of();
        Map<String, FlowVersionAddress> moves = new HashMap<>();
        List<SpecProblem> problems = new ArrayList<>();
        for (Refactorings.Moved m : spec.refactorings().moved()) {
            for (DeployedVersion d : deployed.values()) {
                FlowVersionAddress from = new FlowVersionAddress(d.flow(), d.version());
                FlowVersionAddress to = m.target(from);
                if (to == null) continue;
                DeployedVersion taken = deployed.get(to.toString());
                FlowSpec flow = spec.flows().get(to.flow());
                if (taken != null) {
                    problems.add(problem(spec, m, "moved: to " + to + " is already in state (engine reference " + taken.engineRef()
                            + "), so " + from + " cannot take its name; forget it first (removed: or flowctl state rm " + to
                            + "), or drop this entry."));
                } else if (flow == null || !flow.versions().containsKey(to.version())) {
                    problems.add(problem(spec, m, "moved: " + from + " is in state but flows.yaml does not declare " + to
                            + "; declare it, or forget " + from + " with a removed: entry."));
                } else {
                    moves.put(to.toString(), from);
                }
            }
        }
        if (!problems.isEmpty()) throw new SpecException(ErrorCode.SPEC_REFACTORING_INVALID, problems);
        return moves;
    }

    private static SpecProblem problem(Spec spec, Refactorings.Moved m, String message) {
        SourcePosition p = m.position();
        String file = spec.file().toString();
        return p == null ? new SpecProblem(file, 0, 0, message, ErrorCode.SPEC_REFACTORING_INVALID)
                : new SpecProblem(file, p.line(), p.column(), message, ErrorCode.SPEC_REFACTORING_INVALID);
    }
}
