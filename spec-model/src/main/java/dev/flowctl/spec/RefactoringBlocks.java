package dev.flowctl.spec;

import dev.flowctl.errors.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code moved:} and {@code removed:} and checks them against the flows declared: a move's
 * {@code to} is declared and its {@code from} is not, moves never chain, a removed target is not
 * declared. What needs state (is {@code from} recorded, is {@code to} free) is the planner's check.
 */
final class RefactoringBlocks {
    static final Set<String> MOVED_KEYS = Set.of("from", "to");
    static final Set<String> REMOVED_KEYS = Set.of("version", "flow");

    private final Problems problems;
    private final YamlMaps yaml;
    private final SpecPositions positions;

    RefactoringBlocks(Problems problems, YamlMaps yaml, SpecPositions positions) {
        this.problems = problems;
        this.yaml = yaml;
        this.positions = positions;
    }

    Refactorings read(Node movedNode, Node removedNode, Map<String, FlowSpec> flows) {
        List<Refactorings.Moved> moved = new ArrayList<>();
        Map<String, Node> toNodes = new HashMap<>();
        Map<String, Node> fromNodes = new HashMap<>();
        for (Node item : items(movedNode, "moved")) {
            Map<String, Node> m = yaml.mapping(item, "a moved: entry", MOVED_KEYS);
            if (!m.containsKey("from") || !m.containsKey("to")) {
                problems.at(ErrorCode.SPEC_MISSING_KEY, item, "a moved: entry needs both 'from:' (the old name) and 'to:' (the new one).");
                continue;
            }
            String from = target(m.get("from"), "moved: from");
            String to = target(m.get("to"), "moved: to");
            if (from == null || to == null) continue;
            if ((from.indexOf('@') < 0) != (to.indexOf('@') < 0)) {
                problems.at(ErrorCode.SPEC_REFACTORING_INVALID, m.get("to"), "moved: from '" + from + "' and to '" + to
                        + "' must both be flow@version, or both a flow name (to move every version of a flow).");
                continue;
            }
            if (fromNodes.putIfAbsent(from, m.get("from")) != null) {
                problems.at(ErrorCode.SPEC_DUPLICATE, m.get("from"), "moved: from '" + from + "' is given twice; keep one entry.");
                continue;
            }
            if (toNodes.putIfAbsent(to, m.get("to")) != null) {
                problems.at(ErrorCode.SPEC_DUPLICATE, m.get("to"), "moved: to '" + to + "' is given twice; two names cannot both become it.");
                continue;
            }
            moved.add(new Refactorings.Moved(from, to, positions.at(item)));
        }
        for (Refactorings.Moved mv : moved) {
            Node fromNode = fromNodes.get(mv.from());
            Node toNode = toNodes.get(mv.to());
            Refactorings.Moved next = moved.stream().filter(o -> o != mv && overlaps(o.from(), mv.to())).findFirst().orElse(null);
            if (next != null) {
                problems.at(ErrorCode.SPEC_REFACTORING_INVALID, toNode, "moved: entries chain (" + mv.from() + " -> " + mv.to() + " -> "
                        + next.to() + "); a version is moved once: write one entry from " + mv.from() + " to its final name.");
                continue;
            }
            if (declared(flows, mv.from())) {
                problems.at(ErrorCode.SPEC_REFACTORING_INVALID, fromNode, "moved: from '" + mv.from() + "' is still declared in flows.yaml;"
                        + " a move renames it, so remove it from flows: (or drop this moved: entry to keep both).");
            }
            if (!declared(flows, mv.to())) {
                problems.at(ErrorCode.SPEC_REFACTORING_INVALID, toNode, "moved: to '" + mv.to() + "' is not declared in flows.yaml;"
                        + " declare it under flows: with the inputs the old name had.");
            }
        }
        List<Refactorings.Removed> removed = new ArrayList<>();
        for (Node item : items(removedNode, "removed")) {
            Map<String, Node> m = yaml.mapping(item, "a removed: entry", REMOVED_KEYS);
            if (m.size() != 1) {
                problems.at(ErrorCode.SPEC_MISSING_KEY, item, "a removed: entry names exactly one of 'version: flow@version' or 'flow: name'.");
                continue;
            }
            boolean whole = m.containsKey("flow");
            Node node = whole ? m.get("flow") : m.get("version");
            String target = target(node, "removed: " + (whole ? "flow" : "version"));
            if (target == null) continue;
            if (whole == target.indexOf('@') >= 0) {
                problems.at(ErrorCode.SPEC_REFACTORING_INVALID, node, "removed: " + (whole ? "flow: takes a flow name" : "version: takes flow@version")
                        + ", not '" + target + "'.");
                continue;
            }
            if (declared(flows, target)) {
                problems.at(ErrorCode.SPEC_REFACTORING_INVALID, node, "removed: '" + target + "' is still declared in flows.yaml;"
                        + " remove it from flows: too, so that state forgets it (the engine keeps it).");
                continue;
            }
            if (moved.stream().anyMatch(mv -> overlaps(mv.from(), target))) {
                problems.at(ErrorCode.SPEC_REFACTORING_INVALID, node, "removed: '" + target + "' is also the from: of a moved: entry;"
                        + " it is either renamed or forgotten, not both.");
                continue;
            }
            removed.add(new Refactorings.Removed(target, positions.at(item)));
        }
        return moved.isEmpty() && removed.isEmpty() ? Refactorings.NONE : new Refactorings(moved, removed);
    }

    private List<Node> items(Node node, String key) {
        if (node == null) return List.of();
        if (node instanceof SequenceNode s) return s.getValue();
        problems.at(ErrorCode.SPEC_WRONG_SHAPE, node, key + ": must be a list of entries, e.g. - { from: old@v1, to: new@v1 }, not "
                + YamlMaps.describe(node) + ".");
        return List.of();
    }

    /** A flow name or flow@version, checked against the naming rules; null (reported) otherwise. */
    private String target(Node node, String what) {
        String text = yaml.string(node, what);
        if (text == null) return null;
        int at = text.indexOf('@');
        String flow = at < 0 ? text : text.substring(0, at);
        String version = at < 0 ? null : text.substring(at + 1);
        if (!Names.FLOW.matcher(flow).matches() || (version != null && !Names.VERSION.matcher(version).matches())) {
            problems.at(ErrorCode.SPEC_INVALID_NAME, node, what + " '" + text + "' is not a flow name or flow@version, e.g. fleet_features@v1.");
            return null;
        }
        return text;
    }

    private static boolean declared(Map<String, FlowSpec> flows, String target) {
        int at = target.indexOf('@');
        if (at < 0) return flows.containsKey(target);
        FlowSpec f = flows.get(target.substring(0, at));
        return f != null && f.versions().containsKey(target.substring(at + 1));
    }

    /** Whether two targets name a common version: equal, or one is the flow of the other. */
    static boolean overlaps(String a, String b) {
        return a.equals(b) || flowOf(a).equals(b) || flowOf(b).equals(a);
    }

    private static String flowOf(String target) {
        int at = target.indexOf('@');
        return at < 0 ? target : target.substring(0, at);
    }
}
