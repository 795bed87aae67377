package dev.flowctl.drift;

import dev.flowctl.plan.Plan;
import dev.flowctl.plan.Planner;
import dev.flowctl.plan.VersionDigest;
import dev.flowctl.port.DriftDifference;
import dev.flowctl.port.LiveFlowVersion;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.Targets;
import dev.flowctl.state.DeployedVersion;
import dev.flowctl.state.StateDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compares the applied state with what the engine lists (Terraform's refresh-only, as a report). */
public final class DriftDetector {
    private final Planner planner;

    public DriftDetector() {
        this(new Planner());
    }

    public DriftDetector(Planner planner) {
        this.planner = planner;
    }

    /**
     * @param state the applied state, or null when nothing was applied
     * @param live  what the engine lists for the project
     */
    public DriftReport detect(Spec spec, String environment, StateDocument state, String engineType, List<LiveFlowVersion> live) {
        return detect(spec, environment, state, engineType, live, Targets.ALL);
    }

    /** As above, reporting only the versions {@code targets} selects (applied, live or in flows.yaml). */
    public DriftReport detect(Spec spec, String environment, StateDocument state, String engineType, List<LiveFlowVersion> live,
                              Targets targets) {
        Map<FlowVersionAddress, LiveFlowVersion> byAddress = new LinkedHashMap<>();
        // All of the engine's, so that a moved version (listed under the name it was deployed as) still finds its own.
        live.forEach(l -> byAddress.put(l.address(), l));
        Map<String, DeployedVersion> applied = state == null ? Map.of() : state.versions();
        List<DriftEntry> drift = new ArrayList<>();
        for (DeployedVersion d : applied.values()) {
            FlowVersionAddress a = new FlowVersionAddress(d.flow(), d.version());
            if (!targets.matches(a)) continue;
            LiveFlowVersion l = LiveMatch.take(byAddress, d);
            if (l == null) {
                drift.add(new DriftEntry(a, DriftKind.MISSING, d.engineRef(), List.of(),
                        "run apply to deploy it again, or remove it from flows.yaml and apply to record the deletion", spec.positions().of(a)));
                continue;
            }
            List<DriftDifference> differences = l.attributes().differencesFrom(new VersionDigest(d.sourceHash(), d.definitionHash(), d.engineSettingsHash()));
            if (!differences.isEmpty()) {
                drift.add(new DriftEntry(a, DriftKind.MODIFIED, l.engineRef(), differences,
                        "undo the change in the engine, or redeploy what flows.yaml says with apply after changing the source",
                        spec.positions().of(a)));
            }
        }
        for (LiveFlowVersion l : byAddress.values()) {
            if (!targets.matches(l.address())) continue;
            drift.add(new DriftEntry(l.address(), DriftKind.UNMANAGED, l.engineRef(), List.of(),
                    "adopt it with: flowctl import " + l.address() + " " + l.engineRef() + " (after adding it to flows.yaml), or delete it in the engine",
                    spec.positions().of(l.address())));
        }
        drift.sort(Comparator.comparing(DriftEntry::address).thenComparing(DriftEntry::kind));
        Plan plan = planner.plan(spec, environment, state, java.util.Set.of(), targets);
        List<UnappliedChange> unapplied = plan.actionable().stream()
                .map(c -> new UnappliedChange(c.address(), c.action(), c.reasons())).toList();
        return new DriftReport(DriftReport.FORMAT_VERSION, spec.project(), environment, engineType,
                state == null ? 0 : state.serial(),
                targets.all() ? applied.size() : (int) applied.values().stream().filter(d -> targets.matches(new FlowVersionAddress(d.flow(), d.version()))).count(),
                drift, unapplied);
    }
}
