package dev.flowctl.drift;

import dev.flowctl.apply.LiveFlowVersion;
import dev.flowctl.plan.Plan;
import dev.flowctl.plan.Planner;
import dev.flowctl.plan.VersionDigest;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Spec;
import dev.flowctl.state.DeployedVersion;
import dev.flowctl.state.StateDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
        Map<FlowVersionAddress, LiveFlowVersion> byAddress = new LinkedHashMap<>();
        live.forEach(l -> byAddress.put(l.address(), l));
        Map<String, DeployedVersion> applied = state == null ? Map.of() : state.versions();
        List<DriftEntry> drift = new ArrayList<>();
        for (DeployedVersion d : applied.values()) {
            FlowVersionAddress a = new FlowVersionAddress(d.flow(), d.version());
            LiveFlowVersion l = byAddress.remove(a);
            if (l == null) {
                drift.add(new DriftEntry(a, DriftKind.MISSING, d.engineRef(), List.of(),
                        "run apply to deploy it again, or remove it from flows.yaml and apply to record the deletion", spec.positions().of(a)));
                continue;
            }
            List<DriftDifference> differences = compare(new VersionDigest(d.sourceHash(), d.definitionHash(), d.engineSettingsHash()), l);
            if (!differences.isEmpty()) {
                drift.add(new DriftEntry(a, DriftKind.MODIFIED, l.engineRef(), differences,
                        "undo the change in the engine, or redeploy what flows.yaml says with apply after changing the source",
                        spec.positions().of(a)));
            }
        }
        for (LiveFlowVersion l : byAddress.values()) {
            drift.add(new DriftEntry(l.address(), DriftKind.UNMANAGED, l.engineRef(), List.of(),
                    "adopt it with: flowctl import " + l.address() + " " + l.engineRef() + " (after adding it to flows.yaml), or delete it in the engine",
                    spec.positions().of(l.address())));
        }
        drift.sort(Comparator.comparing(DriftEntry::address).thenComparing(DriftEntry::kind));
        Plan plan = planner.plan(spec, environment, state);
        List<UnappliedChange> unapplied = plan.actionable().stream()
                .map(c -> new UnappliedChange(c.address(), c.action(), c.reasons())).toList();
        return new DriftReport(DriftReport.FORMAT_VERSION, spec.project(), environment, engineType,
                state == null ? 0 : state.serial(), applied.size(), drift, unapplied);
    }

    /** What differs between the hashes of a deployment and what the engine reports (only what it reports). */
    public static List<DriftDifference> compare(VersionDigest d, LiveFlowVersion l) {
        Map<String, String> attrs = l.attributes();
        List<DriftDifference> out = new ArrayList<>();
        compare(out, "source", d.sourceHash(), attrs.get(LiveFlowVersion.SOURCE_HASH));
        compare(out, "definition", d.definitionHash(), attrs.get(LiveFlowVersion.DEFINITION_HASH));
        compare(out, "engine settings", d.engineSettingsHash(), attrs.get(LiveFlowVersion.SETTINGS_HASH));
        if (attrs.containsKey(LiveFlowVersion.FINGERPRINT)) {
            compare(out, "deployment hash (another source, definition or settings was deployed)", d.fingerprint(),
                    attrs.get(LiveFlowVersion.FINGERPRINT));
        }
        attrs.forEach((k, v) -> {
            if (k.startsWith(LiveFlowVersion.EDITED_PREFIX)) {
                out.add(new DriftDifference(k.substring(LiveFlowVersion.EDITED_PREFIX.length()) + " (edited outside flowctl)",
                        "what flowctl deployed", v));
            }
        });
        return out;
    }

    /**
     * An engine that echoes an absent hash prints it empty (the command engine's
     * {@code FLOWCTL_DEFINITION_HASH} is '' for a version without a definition): empty and absent
     * both mean "none", so they are equal.
     */
    private static void compare(List<DriftDifference> out, String what, String applied, String live) {
        if (live == null) return;
        String was = none(applied);
        String is = none(live);
        if (!Objects.equals(was, is)) out.add(new DriftDifference(what, was == null ? "(none)" : was, is == null ? "(none)" : is));
    }

    private static String none(String hash) {
        return hash == null || hash.isBlank() ? null : hash;
    }
}
