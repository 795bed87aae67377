package dev.flowctl.spec;

import java.util.List;
import java.util.Map;

/**
 * One version of a flow that should be live.
 *
 * @param source     path of the flow's code relative to flows.yaml (file or directory)
 * @param definition path of an engine definition (e.g. Step Functions ASL), or null
 * @param engine     per-version engine settings layered over the project's
 */
public record VersionSpec(String flow, String name, String source, String definition,
                          Map<String, Object> engine, List<InputSpec> inputs) {
    public VersionSpec {
        engine = Map.copyOf(engine);
        inputs = List.copyOf(inputs);
    }

    public FlowVersionAddress address() {
        return new FlowVersionAddress(flow, name);
    }
}
