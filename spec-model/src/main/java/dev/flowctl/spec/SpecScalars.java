package dev.flowctl.spec;

import dev.flowctl.errors.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The spec's single values that follow a rule of their own (names, compatibility modes,
 * {@code sourceCheck:} flags), shared by the top level and by flows and versions so each rule
 * and its message are written once.
 */
final class SpecScalars {
    private final Problems problems;
    private final YamlMaps yaml;

    SpecScalars(Problems problems, YamlMaps yaml) {
        this.problems = problems;
        this.yaml = yaml;
    }

    CompatibilityMode mode(Node node) {
        String s = yaml.string(node, "compatibility");
        if (s == null) return CompatibilityMode.BACKWARD;
        try {
            return CompatibilityMode.fromId(s);
        } catch (IllegalArgumentException e) {
            List<String> ids = new ArrayList<>();
            for (CompatibilityMode m : CompatibilityMode.values()) ids.add(m.id());
            problems.at(ErrorCode.SPEC_UNKNOWN_VALUE, node, "unknown compatibility mode '" + s + "'." + problems.didYouMean(s, ids)
                    + " Use one of: " + String.join(", ", ids) + ".");
            return CompatibilityMode.BACKWARD;
        }
    }

    /** {@code sourceCheck: true|false} (a flow's value is its versions' default). */
    boolean sourceCheck(Node node, boolean inherited) {
        if (node == null) return inherited;
        Boolean b = yaml.bool(node, "sourceCheck");
        return b == null ? inherited : b;
    }

    /** A name written as a value, such as {@code project: <name>}. */
    String name(Node node, String what, Pattern rule) {
        String s = yaml.string(node, what);
        if (s != null && !rule.matcher(s).matches()) {
            problems.at(ErrorCode.SPEC_INVALID_NAME, node, "invalid " + what + " name '" + s + "': " + Names.rule(what, rule) + ".");
        }
        return s;
    }

    /** Checks a name written as a mapping key; {@code valueNode} is the value under it. */
    void checkName(String name, Node valueNode, String what, Pattern rule) {
        if (!rule.matcher(name).matches()) {
            problems.at(ErrorCode.SPEC_INVALID_NAME, yaml.keyOf(valueNode), "invalid " + what + " name '" + name + "': " + Names.rule(what, rule) + ".");
        }
    }
}
