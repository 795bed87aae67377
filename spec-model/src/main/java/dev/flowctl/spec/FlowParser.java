package dev.flowctl.spec;

import dev.flowctl.errors.ErrorCode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the entries of {@code flows:} into {@link FlowSpec}s with their versions, and records in
 * {@link SpecPositions} where each flow, version and input is written. One instance reads the
 * flows of one pass over the document, knowing the custom types their inputs may use.
 */
final class FlowParser {
    private final Problems problems;
    private final YamlMaps yaml;
    private final InputParser inputs;
    private final SpecScalars scalars;
    private final SpecPaths paths;
    private final SpecPositions positions;
    private final Map<String, TypeRef.CustomType> types;
    private final Map<String, FlowSpec> flows = new LinkedHashMap<>();
    private final Set<String> duplicateFlows;

    FlowParser(Problems problems, YamlMaps yaml, InputParser inputs, SpecScalars scalars, SpecPaths paths,
               SpecPositions positions, Map<String, TypeRef.CustomType> types) {
        this(problems, yaml, inputs, scalars, paths, positions, types, new HashSet<>());
    }

    private FlowParser(Problems problems, YamlMaps yaml, InputParser inputs, SpecScalars scalars, SpecPaths paths,
               SpecPositions positions, Map<String, TypeRef.CustomType> types, Set<String> duplicateFlows) {
        this.problems = problems;
        this.yaml = yaml;
        this.inputs = inputs;
        this.scalars = scalars;
        this.paths = paths;
        this.positions = positions;
        this.types = types;
        this.duplicateFlows = duplicateFlows;
    }

    /**
     * A parser for a second pass over the flows, now knowing the custom types declared after them.
     * Names found duplicate in the first pass stay duplicate, so each of their entries is reported
     * (as the parser has always done), not just the later ones.
     */
    FlowParser again(SpecPositions positions, Map<String, TypeRef.CustomType> types) {
        return new FlowParser(problems, yaml, inputs, scalars, paths, positions, types, duplicateFlows);
    }

    Map<String, FlowSpec> flows() {
        return flows;
    }

    /** The whole {@code flows:} mapping, when it was not streamed flow by flow. */
    void all(Node flowsNode) {
        yaml.mapping(flowsNode, "flows", null).forEach(this::flow);
    }

    /**
     * One entry of {@code flows:} as soon as it is composed (see {@link NodeComposer}): checked
     * as {@link YamlMaps#mapping} would check it, read, and then its nodes let go.
     */
    void streamed(NodeTuple tuple) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
            problems.at(ErrorCode.SPEC_WRONG_SHAPE, tuple.getKeyNode(), "keys in flows must be plain names, not " + YamlMaps.describe(tuple.getKeyNode()) + ".");
        } else if (flows.containsKey(key.getValue()) || duplicateFlows.contains(key.getValue())) {
            problems.at(ErrorCode.SPEC_DUPLICATE, key, "duplicate key '" + key.getValue() + "' in flows; remove one of them.");
            duplicateFlows.add(key.getValue());
        } else {
            yaml.rememberKey(tuple.getValueNode(), key);
            flow(key.getValue(), tuple.getValueNode());
        }
        yaml.forgetKeys();
    }

    private void flow(String name, Node nameNode) {
        Map<String, Node> f = yaml.mapping(nameNode, "flow '" + name + "'", SpecParser.FLOW_KEYS);
        scalars.checkName(name, nameNode, "flow", Names.FLOW);
        positions.flow(name, position(yaml.keyOf(nameNode)));
        String owner = f.containsKey("owner") ? yaml.string(f.get("owner"), "owner") : null;
        String description = f.containsKey("description") ? yaml.string(f.get("description"), "description") : null;
        CompatibilityMode mode = f.containsKey("compatibility") ? scalars.mode(f.get("compatibility")) : null;
        String flowSource = f.containsKey("source") ? paths.path(f.get("source"), "source") : null;
        boolean flowSourceCheck = scalars.sourceCheck(f.get("sourceCheck"), true);
        boolean protect = protect(f.get("protect"));
        Map<String, VersionSpec> versions = new LinkedHashMap<>();
        if (!f.containsKey("versions")) {
            problems.at(ErrorCode.SPEC_MISSING_KEY, yaml.keyOf(nameNode), "flow '" + name + "' has no 'versions:'; declare at least one, e.g. v1 with its inputs.");
        } else {
            Map<String, Node> vs = yaml.mapping(f.get("versions"), "versions of flow '" + name + "'", null);
            if (vs.isEmpty() && f.get("versions") instanceof MappingNode) {
                problems.at(ErrorCode.SPEC_MISSING_KEY, f.get("versions"), "flow '" + name + "' has no versions; declare at least one, or remove the flow to delete it.");
            }
            vs.entrySet().stream()
                    .sorted((a, b) -> VersionOrder.compare(a.getKey(), b.getKey()))
                    .forEach(e -> versions.put(e.getKey(), version(name, e.getKey(), e.getValue(), flowSource, flowSourceCheck)));
            checkReplacements(name, vs, versions);
        }
        flows.put(name, new FlowSpec(name, owner, description, mode, versions, protect));
    }

    private VersionSpec version(String flow, String name, Node node, String flowSource, boolean flowSourceCheck) {
        String where = "version '" + flow + "@" + name + "'";
        Map<String, Node> v = yaml.mapping(node, where, SpecParser.VERSION_KEYS);
        scalars.checkName(name, node, "version", Names.VERSION);
        String source = v.containsKey("source") ? paths.path(v.get("source"), "source") : flowSource;
        if (source == null && !v.containsKey("source")) {
            problems.at(ErrorCode.SPEC_MISSING_KEY, node, where + " has no 'source:'; set it on the version or on the flow.");
        }
        String definition = v.containsKey("definition") ? paths.path(v.get("definition"), "definition") : null;
        Map<String, Object> engine = v.containsKey("engine") ? yaml.settings(v.get("engine"), "engine", SpecParser.VERSION_ENGINE_KEYS) : Map.of();
        List<InputSpec> in = v.containsKey("inputs") ? inputs.inputs(v.get("inputs"), where, types) : List.of();
        remember(new FlowVersionAddress(flow, name), node, v.get("inputs"));
        Deprecation deprecated = v.containsKey("deprecated") ? deprecation(v.get("deprecated"), where) : null;
        return new VersionSpec(flow, name, source, definition, engine, in, scalars.sourceCheck(v.get("sourceCheck"), flowSourceCheck),
                deprecated, protect(v.get("protect")));
    }

    /** {@code protect: true|false}; absent is false. */
    private boolean protect(Node node) {
        if (node == null) return false;
        Boolean b = yaml.bool(node, "protect");
        return b != null && b;
    }

    /** {@code deprecated: {replacement, sunset, reason}}: each optional, at least one given, sunset an ISO date. */
    private Deprecation deprecation(Node node, String where) {
        Map<String, Node> d = yaml.mapping(node, "deprecated of " + where, SpecParser.DEPRECATED_KEYS);
        if (d.isEmpty()) {
            if (node instanceof MappingNode) {
                problems.at(ErrorCode.SPEC_MISSING_KEY, node, "deprecated of " + where + " is empty; give at least one of replacement, "
                        + "sunset (a date such as 2027-03-01) or reason.");
            }
            return null;
        }
        String replacement = d.containsKey("replacement") ? yaml.string(d.get("replacement"), "replacement") : null;
        String reason = d.containsKey("reason") ? yaml.string(d.get("reason"), "reason") : null;
        java.time.LocalDate sunset = null;
        if (d.containsKey("sunset")) {
            String text = yaml.string(d.get("sunset"), "sunset");
            if (text != null) {
                try {
                    sunset = java.time.LocalDate.parse(text);
                } catch (java.time.format.DateTimeParseException e) {
                    problems.at(ErrorCode.SPEC_WRONG_SHAPE, d.get("sunset"), "sunset of " + where + " must be a date written YYYY-MM-DD, "
                            + "e.g. 2027-03-01, not '" + text + "'.");
                }
            }
        }
        return new Deprecation(replacement, sunset, reason);
    }

    /** A {@code replacement:} must name another version of the same flow that flows.yaml declares. */
    private void checkReplacements(String flow, Map<String, Node> nodes, Map<String, VersionSpec> versions) {
        for (VersionSpec v : versions.values()) {
            if (v.deprecated() == null || v.deprecated().replacement() == null) continue;
            String replacement = v.deprecated().replacement();
            if (versions.containsKey(replacement) && !replacement.equals(v.name())) continue;
            Node deprecated = child(nodes.get(v.name()), "deprecated");
            Node where = child(deprecated, "replacement");
            problems.at(ErrorCode.SPEC_UNKNOWN_VALUE, where, "replacement '" + replacement + "' of " + v.address() + " is "
                    + (replacement.equals(v.name()) ? "the version itself" : "not a version of flow '" + flow + "'")
                    + "; name another version of it." + problems.didYouMean(replacement, versions.keySet()));
        }
    }

    /** The value under {@code key} in a mapping node, else the node itself (to place a problem near it). */
    private static Node child(Node node, String key) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) return t.getValueNode();
            }
        }
        return node;
    }

    /** Where the version, its inputs: key and each input are written, for problems found after parsing. */
    private void remember(FlowVersionAddress a, Node versionNode, Node inputsNode) {
        positions.version(a, position(yaml.keyOf(versionNode)));
        if (inputsNode == null) return;
        positions.inputs(a, position(yaml.keyOf(inputsNode)));
        if (!(inputsNode instanceof MappingNode m)) return;
        rememberInputs(a, "", m, 0);
    }

    /** Each input or struct field under {@code prefix}, and each enum value it lists. */
    private void rememberInputs(FlowVersionAddress a, String prefix, MappingNode m, int depth) {
        if (depth > Limits.MAX_YAML_DEPTH) return;
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) continue;
            String path = prefix + k.getValue();
            positions.input(a, path, position(k));
            if (!(t.getValueNode() instanceof MappingNode def)) continue;
            for (NodeTuple d : def.getValue()) {
                if (!(d.getKeyNode() instanceof ScalarNode key)) continue;
                if (key.getValue().equals("fields") && d.getValueNode() instanceof MappingNode fields) {
                    rememberInputs(a, path + ".", fields, depth + 1);
                } else if (key.getValue().equals("values") && d.getValueNode() instanceof SequenceNode values) {
                    for (Node v : values.getValue()) {
                        if (v instanceof ScalarNode value) positions.enumValue(a, path, value.getValue(), position(value));
                    }
                }
            }
        }
    }

    private static SpecPositions.Position position(Node node) {
        var mark = node.getStartMark();
        return mark == null ? new SpecPositions.Position(1, 1) : new SpecPositions.Position(mark.getLine() + 1, mark.getColumn() + 1);
    }
}
