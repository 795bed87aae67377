package dev.flowctl.spec;

import dev.flowctl.errors.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads composed YAML nodes, reporting shape problems (with position) instead of throwing. */
final class YamlMaps {
    private final Problems problems;
    private final Map<Node, Node> keyOfValue = new java.util.IdentityHashMap<>();

    YamlMaps(Problems problems) {
        this.problems = problems;
    }

    /**
     * The entries of a mapping node in document order, keyed by scalar key. Duplicate keys,
     * non-scalar keys and keys outside {@code allowed} (when non-null) are reported and dropped.
     */
    Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode map)) {
            problems.at(ErrorCode.SPEC_WRONG_SHAPE, node, what + " must be a mapping of key: value, not " + describe(node) + ".");
            return out;
        }
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                problems.at(ErrorCode.SPEC_WRONG_SHAPE, t.getKeyNode(), "keys in " + what + " must be plain names, not " + describe(t.getKeyNode()) + ".");
                continue;
            }
            String k = key.getValue();
            if (out.containsKey(k)) {
                problems.at(ErrorCode.SPEC_DUPLICATE, key, "duplicate key '" + k + "' in " + what + "; remove one of them.");
                continue;
            }
            if (allowed != null && !allowed.contains(k)) {
                String hint = problems.didYouMean(k, allowed);
                problems.at(ErrorCode.SPEC_UNKNOWN_KEY, key, "unknown key '" + k + "' in " + what + "."
                        + (hint.isEmpty() ? " Allowed keys: " + String.join(", ", allowed) + "." : hint));
                String suggested = problems.suggestion(k, allowed);
                // Read a misspelt key as the one meant, so its content is still checked and no
                // second "missing key" error follows; the problem above already fails the parse.
                if (suggested == null || out.containsKey(suggested) || keyPresent(map, suggested)) continue;
                k = suggested;
            }
            out.put(k, t.getValueNode());
            keyOfValue.put(t.getValueNode(), key);
        }
        return out;
    }

    private static boolean keyPresent(MappingNode map, String key) {
        return map.getValue().stream().anyMatch(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key));
    }

    void rememberKey(Node value, Node key) {
        keyOfValue.put(value, key);
    }

    /** Forgets recorded keys once the nodes they belong to are processed, so those nodes can be freed. */
    void forgetKeys() {
        keyOfValue.clear();
    }

    /** The key node a value was read under by {@link #mapping}, so names are reported where they are written. */
    Node keyOf(Node value) {
        return keyOfValue.getOrDefault(value, value);
    }

    /** A scalar's text, or null (reported) when the node is not a non-empty scalar. */
    String string(Node node, String what) {
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return s.getValue();
        }
        problems.at(ErrorCode.SPEC_WRONG_SHAPE, node, what + " must be a single value, not " + describe(node) + ".");
        return null;
    }

    /** A boolean scalar, or null (reported). */
    Boolean bool(Node node, String what) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return YamlMaps.truthy(s.getValue());
        }
        problems.at(ErrorCode.SPEC_WRONG_SHAPE, node, what + " must be true or false, not " + describe(node) + ".");
        return null;
    }

    /** Plain JSON-shaped values for free-form settings blocks (state:, engine:). */
    Object plain(Node node) {
        if (node instanceof ScalarNode s) {
            Tag tag = s.getTag();
            String v = s.getValue();
            if (tag.equals(Tag.BOOL)) return YamlMaps.truthy(v);
            if (tag.equals(Tag.INT)) {
                try {
                    return Long.parseLong(v.replace("_", ""));
                } catch (NumberFormatException e) {
                    return v;
                }
            }
            if (tag.equals(Tag.NULL)) return null;
            return v;
        }
        if (node instanceof SequenceNode seq) {
            return seq.getValue().stream().map(this::plain).toList();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        mapping(node, "settings", null).forEach((k, v) -> {
            Object value = plain(v);
            if (value != null) out.put(k, value);
        });
        return out;
    }

    Map<String, Object> settings(Node node, String what, Set<String> allowed) {
        Map<String, Object> out = new LinkedHashMap<>();
        mapping(node, what, allowed).forEach((k, v) -> {
            Object value = plain(v);
            if (value != null) out.put(k, value);
        });
        return out;
    }

    /** A YAML 1.1 boolean scalar's value: true, yes and on are true; false, no and off are false. */
    static boolean truthy(String value) {
        String v = value.toLowerCase(java.util.Locale.ROOT);
        return v.equals("true") || v.equals("yes") || v.equals("on");
    }

    static String describe(Node node) {
        if (node == null) return "nothing";
        if (node instanceof MappingNode) return "a mapping";
        if (node instanceof SequenceNode) return "a list";
        ScalarNode s = (ScalarNode) node;
        if (s.getTag().equals(Tag.NULL)) return "an empty value";
        String v = s.getValue();
        return "'" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'";
    }
}
