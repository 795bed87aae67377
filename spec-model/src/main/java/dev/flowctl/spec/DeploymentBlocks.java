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
        return environments(node, Settings.empty(), Settings.empty());
    }

    /**
     * The {@code environments:} mapping, each with its own state and engine overrides; templates of preview
     * environments are checked against the top-level {@code state} and {@code engine} they merge over.
     */
    Map<String, Environment> environments(Node node, Settings topState, Settings topEngine) {
        Map<String, Environment> envs = new LinkedHashMap<>();
        if (node == null) return envs;
        yaml.mapping(node, "environments", null).forEach((name, value) -> {
            scalars.checkName(name, value, "environment", Names.ENVIRONMENT);
            Map<String, Node> env = yaml.mapping(value, "environment '" + name + "'", SpecParser.ENV_KEYS);
            checkBackend(env.get("state"));
            Map<String, Object> state = env.containsKey("state") ? yaml.settings(env.get("state"), "state", SpecParser.STATE_KEYS) : Map.of();
            Map<String, Object> engine = env.containsKey("engine") ? yaml.settings(env.get("engine"), "engine", SpecParser.ENGINE_KEYS) : Map.of();
            boolean template = env.containsKey("template") && Boolean.TRUE.equals(yaml.bool(env.get("template"), "template"));
            String instances = null;
            if (env.containsKey("instances") && !template) {
                problems.at(ErrorCode.SPEC_KEY_NOT_FOR_TYPE, yaml.keyOf(env.get("instances")), "'instances' applies only to a template"
                        + " environment; add 'template: true' to environment '" + name + "', or remove 'instances'.");
            }
            if (template) {
                instances = env.containsKey("instances") ? yaml.string(env.get("instances"), "instances") : name + "-*";
                if (instances != null && !validInstances(instances)) {
                    problems.at(ErrorCode.SPEC_INVALID_NAME, env.containsKey("instances") ? env.get("instances") : yaml.keyOf(value),
                            "invalid instances pattern '" + instances + "' of template '" + name + "': it is one '*' between a prefix that"
                                    + " starts with a lowercase letter and an optional suffix, of lowercase letters, digits, '_' or '-', e.g. 'pr-*'.");
                    instances = null;
                }
                checkTemplate(name, yaml.keyOf(value), topState.merge(state), topEngine.merge(engine));
            }
            Environment e = new Environment(name, state, engine, template && instances != null, instances, null);
            if (e.template()) {
                for (Environment other : envs.values()) {
                    if (other.template() && overlap(other.instances(), instances)) {
                        problems.at(ErrorCode.ENVIRONMENTS_COLLIDE, env.containsKey("instances") ? env.get("instances") : yaml.keyOf(value),
                                "the instances '" + instances + "' of template '" + name + "' overlap those of template '" + other.name()
                                        + "' ('" + other.instances() + "'), so a name such as -e " + example(instances, other.instances())
                                        + " would match both; give each template its own prefix.");
                    }
                }
            }
            envs.put(name, e);
        });
        return envs;
    }

    private static final java.util.regex.Pattern INSTANCES = java.util.regex.Pattern.compile("[a-z][a-z0-9_-]*\\*[a-z0-9_-]*");

    private static boolean validInstances(String pattern) {
        return INSTANCES.matcher(pattern).matches() && pattern.length() < 32;
    }

    /** Two one-star globs match a common name when one prefix starts the other and one suffix ends the other. */
    private static boolean overlap(String a, String b) {
        String pa = a.substring(0, a.indexOf('*')), sa = a.substring(a.indexOf('*') + 1);
        String pb = b.substring(0, b.indexOf('*')), sb = b.substring(b.indexOf('*') + 1);
        return (pa.startsWith(pb) || pb.startsWith(pa)) && (sa.endsWith(sb) || sb.endsWith(sa));
    }

    private static String example(String a, String b) {
        String pa = a.substring(0, a.indexOf('*')), pb = b.substring(0, b.indexOf('*'));
        String sa = a.substring(a.indexOf('*') + 1), sb = b.substring(b.indexOf('*') + 1);
        return (pa.length() >= pb.length() ? pa : pb) + "1" + (sa.length() >= sb.length() ? sa : sb);
    }

    /**
     * Every instance of a template must get its own state and its own engine names, or two pull requests'
     * previews would share one state (and lock) or overwrite each other's deployments: the state key (S3)
     * or path (local) and the engine's dir and names must contain {environment} where they are set.
     */
    private void checkTemplate(String name, Node at, Settings state, Settings engine) {
        String backend = state.string("backend").orElse("local");
        String locationKey = backend.equals("s3") ? "key" : "path";
        java.util.Optional<String> location = state.string(locationKey);
        if (backend.equals("s3") && location.isEmpty() || location.isPresent() && !location.get().contains(Environment.NAME_PLACEHOLDER)) {
            problems.at(ErrorCode.ENVIRONMENTS_COLLIDE, at, "template '" + name + "' must give each preview environment its own state:"
                    + " set state." + locationKey + " with " + Environment.NAME_PLACEHOLDER + " in it, e.g. " + locationKey + ": "
                    + (backend.equals("s3") ? "risk/preview/" : ".flowctl/preview/") + Environment.NAME_PLACEHOLDER + ".json.");
        }
        for (String key : java.util.List.of("dir", "names")) {
            engine.string(key).filter(v -> !v.contains(Environment.NAME_PLACEHOLDER)).ifPresent(v -> problems.at(ErrorCode.ENVIRONMENTS_COLLIDE, at,
                    "template '" + name + "' sets engine." + key + " '" + v + "' without " + Environment.NAME_PLACEHOLDER
                            + ", so its preview environments would share " + (key.equals("dir") ? "one engine directory" : "deployed names")
                            + "; put " + Environment.NAME_PLACEHOLDER + " into it."));
        }
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
