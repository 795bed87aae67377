package dev.flowctl.spec;

import dev.flowctl.errors.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads where flows deploy and where state lives: the top-level {@code state:} and {@code engine:}
 * blocks and each environment's overrides of them. They are free-form settings checked against
 * the key lists of {@link SpecParser}, apart from the state backend, which must be one flowctl has.
 */
final class DeploymentBlocks {
    private final Problems problems;
    private final YamlMaps yaml;
    private final SpecScalars scalars;

    DeploymentBlocks(Problems problems, YamlMaps yaml, SpecScalars scalars) {
        this.problems = problems;
        this.yaml = yaml;
        this.scalars = scalars;
    }

    /** The top-level {@code state:} block, or empty settings when there is none. */
    Settings state(Node node) {
        Settings state = new Settings(node != null ? yaml.settings(node, "state", SpecParser.STATE_KEYS) : Map.of());
        checkBackend(node);
        return state;
    }

    /** The top-level {@code engine:} block, or empty settings when there is none. */
    Settings engine(Node node) {
        return new Settings(node != null ? yaml.settings(node, "engine", SpecParser.ENGINE_KEYS) : Map.of());
    }

    /** The {@code environments:} mapping, each with its own state and engine overrides. */
    Map<String, Environment> environments(Node node) {
        Map<String, Environment> envs = new LinkedHashMap<>();
        if (node == null) return envs;
        yaml.mapping(node, "environments", null).forEach((name, value) -> {
            scalars.checkName(name, value, "environment", Names.ENVIRONMENT);
            Map<String, Node> env = yaml.mapping(value, "environment '" + name + "'", SpecParser.ENV_KEYS);
            checkBackend(env.get("state"));
            envs.put(name, new Environment(name,
                    env.containsKey("state") ? yaml.settings(env.get("state"), "state", SpecParser.STATE_KEYS) : Map.of(),
                    env.containsKey("engine") ? yaml.settings(env.get("engine"), "engine", SpecParser.ENGINE_KEYS) : Map.of()));
        });
        return envs;
    }

    /**
     * A state backend flowctl has: checked here, at its position, so validate and plan refuse what
     * apply would (the backend itself is opened only by commands that read state).
     */
    private void checkBackend(Node state) {
        if (!(state instanceof MappingNode m)) return;
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("backend") && t.getValueNode() instanceof ScalarNode v
                    && !SpecParser.STATE_BACKENDS.contains(v.getValue())) {
                problems.at(ErrorCode.SPEC_UNKNOWN_VALUE, v, "unknown state backend '" + v.getValue() + "'; use one of "
                        + String.join(", ", SpecParser.STATE_BACKENDS) + ".");
            }
        }
    }
}
