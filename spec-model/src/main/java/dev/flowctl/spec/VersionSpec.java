package dev.flowctl.spec;

import java.util.List;
import java.util.Map;

/**
 * One version of a flow that should be live.
 *
 * @param source     path of the flow's code relative to flows.yaml (file or directory)
 * @param definition path of an engine definition (e.g. Step Functions ASL), or null
 * @param engine     per-version engine settings layered over the project's
 * @param sourceCheck whether a Metaflow source's Parameters are compared with the inputs ({@code sourceCheck: false} turns it off)
 * @param deprecated  the version's {@code deprecated:} block, or null when it is not deprecated
 * @param protect     {@code protect: true} on the version: once applied, deleting it blocks the plan
 */
public record VersionSpec(String flow, String name, String source, String definition,
                          Map<String, Object> engine, List<InputSpec> inputs, boolean sourceCheck,
                          Deprecation deprecated, boolean protect) {
    /** A version neither deprecated nor protected. */
    public VersionSpec(String flow, String name, String source, String definition, Map<String, Object> engine, List<InputSpec> inputs,
                       boolean sourceCheck) {
        this(flow, name, source, definition, engine, inputs, sourceCheck, null, false);
    }

    /** A version whose source is checked against its inputs, as flows.yaml versions are by default. */
    public VersionSpec(String flow, String name, String source, String definition, Map<String, Object> engine, List<InputSpec> inputs) {
        this(flow, name, source, definition, engine, inputs, true);
    }

    public VersionSpec {
        engine = Map.copyOf(engine);
        inputs = List.copyOf(inputs);
    }

    public FlowVersionAddress address() {
        return new FlowVersionAddress(flow, name);
    }
}
