package dev.flowctl.cli;

import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.Targets;
import dev.flowctl.state.StateDocument;
import java.util.List;
import picocli.CommandLine.Option;

/** --target and --exclude, one option set for plan, apply, drift and codegen, read by one rule ({@link Targets}). */
public final class TargetOptions {
    @Option(names = "--target", paramLabel = "PATTERN",
            description = "Work only on matching flow versions: flow (all its versions), flow@version, or globs such as "
                    + "fleet_*@v2. Repeatable. A pattern that matches nothing is an error.")
    List<String> include;

    @Option(names = "--exclude", paramLabel = "PATTERN",
            description = "Leave matching flow versions out (patterns as for --target). Repeatable.")
    List<String> exclude;

    /** The selection; refuses a malformed pattern. */
    Targets get() {
        return Targets.of(include, exclude);
    }

    /**
     * The selection, refused unless each pattern matches a version of flows.yaml or of {@code state}
     * (a version only in state is one a plan would delete).
     */
    Targets require(Spec spec, StateDocument state) {
        Targets targets = get();
        if (targets.all()) return targets;
        java.util.Set<FlowVersionAddress> known = new java.util.HashSet<>();
        spec.versions().forEach(v -> known.add(v.address()));
        if (state != null) state.versions().values().forEach(d -> known.add(new FlowVersionAddress(d.flow(), d.version())));
        targets.requireMatches(known, state == null ? spec.file().getFileName() + " (state is empty)" : spec.file().getFileName() + " or state");
        return targets;
    }

    /** True when either option was given. */
    boolean given() {
        return (include != null && !include.isEmpty()) || (exclude != null && !exclude.isEmpty());
    }
}
