package dev.flowctl.plan;

import dev.flowctl.spec.FlowSpec;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.VersionSpec;
import dev.flowctl.state.DeployedVersion;
import dev.flowctl.state.Protection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The deprecation and deletion guards of one plan: what apply records for each desired version
 * ({@code protect:}, {@code deprecated:}), the warning for each deprecated one, and for each deletion
 * the violation when state records it protected and the warnings when it is deleted before its sunset
 * or while callers still call it.
 */
final class DeletionGuards {
    /** The pseudo rule that refuses deleting a version an applied {@code protect: true} covers. */
    static final String VERSION_PROTECTED = "VERSION_PROTECTED";
    /** The pseudo rule that refuses deleting a flow an applied {@code protect: true} covers. */
    static final String FLOW_PROTECTED = "FLOW_PROTECTED";

    private final Spec spec;
    private final LocalDate today;
    private final Map<FlowVersionAddress, RecentCalls> recentCalls;

    DeletionGuards(Spec spec, Clock clock, Map<FlowVersionAddress, RecentCalls> recentCalls) {
        this.spec = spec;
        this.today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        this.recentCalls = recentCalls;
    }

    /** What apply records for {@code v}: its flow's and its own {@code protect:}, and its {@code deprecated:}. */
    VersionGuards desired(VersionSpec v) {
        Set<Protection> protect = EnumSet.noneOf(Protection.class);
        FlowSpec flow = spec.flows().get(v.flow());
        if (flow != null && flow.protect()) protect.add(Protection.FLOW);
        if (v.protect()) protect.add(Protection.VERSION);
        return new VersionGuards(protect, v.deprecated());
    }

    /** Why an existing version's recorded guards differ from the desired ones (empty: they agree). */
    static Set<ActionReason> changed(VersionGuards desired, DeployedVersion current) {
        Set<ActionReason> reasons = EnumSet.noneOf(ActionReason.class);
        if (!desired.protect().equals(current.protectedBy())) reasons.add(ActionReason.PROTECTION_CHANGED);
        if (!Objects.equals(desired.deprecated(), current.deprecated())) reasons.add(ActionReason.DEPRECATION_CHANGED);
        return reasons;
    }

    /** The warning for a desired version that is deprecated, else none. */
    List<PlanWarning> warnings(VersionSpec v) {
        if (v.deprecated() == null) return List.of();
        String detail = v.deprecated().describe();
        String sunsetPassed = v.deprecated().sunset() != null && v.deprecated().sunset().isBefore(today)
                ? "; its sunset has passed, so it may be deleted once its callers have moved" : "";
        return List.of(new PlanWarning(v.address().toString(), PlanWarning.VERSION_DEPRECATED,
                v.address() + " is deprecated (" + detail + ")" + sunsetPassed + ".", spec.positions().of(v.address())));
    }

    /** The violations that block deleting {@code gone}: state records it (or its whole flow) protected. */
    List<CompatibilityViolation> violations(DeployedVersion gone) {
        List<CompatibilityViolation> out = new ArrayList<>();
        String address = gone.address();
        if (gone.protectedBy().contains(Protection.VERSION)) {
            out.add(new CompatibilityViolation(address, VERSION_PROTECTED,
                    address + " is protected (an applied change set protect: true on it), so it cannot be deleted",
                    "to delete it, first remove protect: true from the version and apply that change on its own; "
                            + "then remove the version"));
        }
        if (gone.protectedBy().contains(Protection.FLOW) && !spec.flows().containsKey(gone.flow())) {
            out.add(new CompatibilityViolation(address, FLOW_PROTECTED,
                    "flow '" + gone.flow() + "' is protected (an applied change set protect: true on it), so " + address
                            + " cannot be deleted with it",
                    "to delete the flow, first remove protect: true from it and apply that change on its own; then remove the flow"));
        }
        return out;
    }

    /** The warnings on deleting {@code gone}: before its recorded sunset, or while the gateway sees it called. */
    List<PlanWarning> deletionWarnings(DeployedVersion gone) {
        List<PlanWarning> out = new ArrayList<>();
        String address = gone.address();
        if (gone.deprecated() != null && gone.deprecated().sunset() != null && today.isBefore(gone.deprecated().sunset())) {
            out.add(new PlanWarning(address, PlanWarning.DELETE_BEFORE_SUNSET, address + " is deleted before its sunset date "
                    + gone.deprecated().sunset() + ", which its deprecation promised callers.", null));
        }
        RecentCalls calls = recentCalls.get(new FlowVersionAddress(gone.flow(), gone.version()));
        if (calls != null && calls.count() > 0) {
            out.add(new PlanWarning(address, PlanWarning.DELETE_RECENTLY_CALLED, address + " was called " + calls.count()
                    + (calls.count() == 1 ? " time" : " times") + " through the gateway in the last " + calls.days()
                    + " days (last on " + calls.lastCalled() + "); move those callers before deleting it.", null));
        }
        return out;
    }
}
