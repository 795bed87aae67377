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
 * @param positions where versions and inputs are written in {@code file}, for checks after parsing
 * @param refactorings the {@code moved:} and {@code removed:} entries
 */
public record Spec(Path file, Path root, String project, CompatibilityMode compatibility,
                   Settings state, Settings engine, Map<String, Environment> environments,
                   Map<String, TypeRef.CustomType> types, Map<String, FlowSpec> flows, SpecPositions positions,
                   Refactorings refactorings) {
    public Spec {
        positions = positions == null ? SpecPositions.NONE : positions;
        refactorings = refactorings == null ? Refactorings.NONE : refactorings;
        environments = Collections.unmodifiableMap(new LinkedHashMap<>(environments));
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        flows = Collections.unmodifiableMap(new LinkedHashMap<>(flows));
    }

    /** A spec without {@code moved:} or {@code removed:} entries. */
    public Spec(Path file, Path root, String project, CompatibilityMode compatibility, Settings state, Settings engine,
                Map<String, Environment> environments, Map<String, TypeRef.CustomType> types, Map<String, FlowSpec> flows,
                SpecPositions positions) {
        this(file, root, project, compatibility, state, engine, environments, types, flows, positions, Refactorings.NONE);
    }

    /** A spec built in code, with no positions in a file. */
    public Spec(Path file, Path root, String project, CompatibilityMode compatibility, Settings state, Settings engine,
                Map<String, Environment> environments, Map<String, TypeRef.CustomType> types, Map<String, FlowSpec> flows) {
        this(file, root, project, compatibility, state, engine, environments, types, flows, SpecPositions.NONE);
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
