package dev.flowctl.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The desired state declared in flows.yaml.
 *
 * @param file    the flows.yaml this was read from
 * @param root    the repository root: source and definition paths must stay inside it
 * @param positions where versions and inputs are written in {@code file} and the files it includes, for checks after parsing
 * @param refactorings the {@code moved:} and {@code removed:} entries
 * @param includes  the files {@code include:} pulled in, and which flow each declares
 */
public record Spec(Path file, Path root, String project, CompatibilityMode compatibility,
                   Settings state, Settings engine, Map<String, Environment> environments,
                   Map<String, TypeRef.CustomType> types, Map<String, FlowSpec> flows, SpecPositions positions,
                   Refactorings refactorings, IncludedFiles includes) {
    public Spec {
        positions = positions == null ? SpecPositions.NONE : positions;
        refactorings = refactorings == null ? Refactorings.NONE : refactorings;
        includes = includes == null ? IncludedFiles.NONE : includes;
        environments = Collections.unmodifiableMap(new LinkedHashMap<>(environments));
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        flows = Collections.unmodifiableMap(new LinkedHashMap<>(flows));
    }

    /** A spec built in code, with no positions in a file. */
    public Spec(Path file, Path root, String project, CompatibilityMode compatibility, Settings state, Settings engine,
                Map<String, Environment> environments, Map<String, TypeRef.CustomType> types, Map<String, FlowSpec> flows) {
        this(file, root, project, compatibility, state, engine, environments, types, flows, SpecPositions.NONE);
    }

    /** A spec of one file, with positions in it. */
    public Spec(Path file, Path root, String project, CompatibilityMode compatibility, Settings state, Settings engine,
                Map<String, Environment> environments, Map<String, TypeRef.CustomType> types, Map<String, FlowSpec> flows,
                SpecPositions positions) {
        this(file, root, project, compatibility, state, engine, environments, types, flows, positions, Refactorings.NONE, IncludedFiles.NONE);
    }

    /**
     * Who owns {@code flow}, to group plan output by: its {@code owner:}, else the directory of the
     * included file that declares it; null for neither.
     */
    public String ownerOf(String flow) {
        FlowSpec f = flows.get(flow);
        if (f != null && f.owner() != null) return f.owner();
        return includes.directoryOf(flow);
    }

    /** Whether plans group their changes by owner: the spec is split across files, or some flow names an owner. */
    public boolean groupsByOwner() {
        return !includes.isEmpty() || flows.values().stream().anyMatch(f -> f.owner() != null);
    }

    /** The directory of flows.yaml: spec paths and the local {@code .flowctl/} are relative to it. */
    public Path baseDir() {
        return file.toAbsolutePath().getParent();
    }

    /** Every version of every flow, flows in declaration order. */
    public List<VersionSpec> versions() {
        List<VersionSpec> all = new ArrayList<>();
        flows.values().forEach(f -> all.addAll(f.versions().values()));
        return all;
    }

    public CompatibilityMode compatibilityOf(String flow) {
        FlowSpec f = flows.get(flow);
        return f == null ? compatibility : f.compatibility().orElse(compatibility);
    }

    /** State settings for an environment (null or absent: the top-level settings). */
    public Settings stateFor(String environment) {
        Environment env = environment(environment).orElse(null);
        return env == null ? state : env.resolve(state.merge(env.state()), false);
    }

    /** Engine settings for an environment (null or absent: the top-level settings). */
    public Settings engineFor(String environment) {
        Environment env = environment(environment).orElse(null);
        return env == null ? engine : env.resolve(engine.merge(env.engine()), true);
    }

    /**
     * The environment {@code -e name} selects: a declared one, else an instance of the template whose
     * {@code instances:} admits the name (templates never overlap: the parser refuses that).
     */
    public java.util.Optional<Environment> environment(String name) {
        if (name == null) return java.util.Optional.empty();
        Environment declared = environments.get(name);
        if (declared != null) return java.util.Optional.of(declared);
        return environments.values().stream().filter(e -> e.admits(name)).findFirst().map(t -> t.instance(name));
    }
}
