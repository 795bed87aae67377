package dev.flowctl.gateway;

import dev.flowctl.codegen.ProtoInputs;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.run.RunService;
import dev.flowctl.spec.FlowSpec;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.InputSpec;
import dev.flowctl.spec.SchemaJson;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.VersionSpec;
import dev.flowctl.state.DeployedVersion;
import io.grpc.ServerServiceDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the gateway serves from one read of the applied state: the run service over it and, per
 * deployed version, its generated service built from the descriptors codegen renders. Immutable;
 * a reload builds a new one and swaps it in whole.
 */
final class Catalog {
    final String fingerprint;
    final Applied applied;
    final RunService runs;
    /** By address ({@code flow@version}). */
    private final Map<String, ProtoInputs> inputs;
    /** By full service name. */
    final Map<String, ServerServiceDefinition> services;
    /** The applied deprecated: block of each deprecated version, by address. */
    private final Map<String, dev.flowctl.spec.Deprecation> deprecations;

    private Catalog(String fingerprint, Applied applied, RunService runs, Map<String, ProtoInputs> inputs,
                    Map<String, ServerServiceDefinition> services) {
        this.fingerprint = fingerprint;
        this.applied = applied;
        this.runs = runs;
        this.inputs = inputs;
        this.services = services;
        Map<String, dev.flowctl.spec.Deprecation> deprecated = new java.util.HashMap<>();
        if (applied.state() != null) {
            applied.state().versions().forEach((address, d) -> {
                if (d.deprecated() != null) deprecated.put(address, d.deprecated());
            });
        }
        this.deprecations = Map.copyOf(deprecated);
    }

    /** The applied deprecation of {@code address}, or null when it is not deprecated (or not served). */
    dev.flowctl.spec.Deprecation deprecation(FlowVersionAddress address) {
        return address == null ? null : deprecations.get(address.toString());
    }

    static Catalog build(String fingerprint, Applied applied, FlowEngine engine, StartCalls calls) {
        RunService runs = new RunService(applied.spec(), applied.environment(), applied.state(), engine);
        Map<String, ProtoInputs> inputs = applied.state() == null ? Map.of()
                : ProtoInputs.of(appliedSpec(applied), applied.lock());
        Map<String, ServerServiceDefinition> services = new TreeMap<>();
        inputs.forEach((address, in) -> {
            ServerServiceDefinition d = FlowServices.definition(FlowVersionAddress.parse(address), in, calls);
            services.put(d.getServiceDescriptor().getName(), d);
        });
        return new Catalog(fingerprint, applied, runs, Map.copyOf(inputs), Map.copyOf(services));
    }

    /** The JSON mapping of a served version, or null when it is not served. */
    ProtoInputs inputs(FlowVersionAddress address) {
        return inputs.get(address.toString());
    }

    List<String> versions() {
        return inputs.keySet().stream().sorted().toList();
    }

    long serial() {
        return applied.state() == null ? -1 : applied.state().serial();
    }

    /**
     * The spec as applied: every deployed version with the schema state recorded for it (not what
     * flows.yaml says now), under the flows of the spec for their descriptions. Rendering it with the
     * project's flows.lock gives each version the contract its callers compiled.
     */
    static Spec appliedSpec(Applied applied) {
        Spec spec = applied.spec();
        Map<String, Map<String, VersionSpec>> byFlow = new TreeMap<>();
        for (DeployedVersion d : applied.state().versions().values()) {
            byFlow.computeIfAbsent(d.flow(), f -> new LinkedHashMap<>())
                    .put(d.version(), new VersionSpec(d.flow(), d.version(), null, null, Map.of(), declaredOrder(spec, d)));
        }
        Map<String, FlowSpec> flows = new LinkedHashMap<>();
        byFlow.forEach((name, versions) -> {
            FlowSpec declared = spec.flows().get(name);
            flows.put(name, new FlowSpec(name, declared == null ? null : declared.owner(), declared == null ? null : declared.description(),
                    null, versions));
        });
        return new Spec(spec.file(), spec.root(), spec.project(), spec.compatibility(), spec.state(), spec.engine(),
                spec.environments(), spec.types(), flows);
    }

    /**
     * The applied inputs in the order flows.yaml declares them, where it still declares the version:
     * a project without flows.lock numbers fields in declaration order, and state keeps its own order.
     */
    private static List<InputSpec> declaredOrder(Spec spec, DeployedVersion d) {
        List<InputSpec> applied = SchemaJson.fromJson(d.schema().tree());
        FlowSpec flow = spec.flows().get(d.flow());
        VersionSpec declared = flow == null ? null : flow.versions().get(d.version());
        if (declared == null) return applied;
        List<String> order = declared.inputs().stream().map(InputSpec::name).toList();
        List<InputSpec> sorted = new ArrayList<>(applied);
        sorted.sort(Comparator.comparingInt(i -> order.contains(i.name()) ? order.indexOf(i.name()) : order.size()));
        return sorted;
    }

    /** The service names of this project's flow versions begin with this; an unknown one under it is a version not served. */
    String flowPackagePrefix() {
        return applied.spec().project() + ".flows.";
    }

    static List<ServerServiceDefinition> list(Map<String, ServerServiceDefinition> services) {
        return new ArrayList<>(services.values());
    }
}
