package dev.flowctl.spec;

import dev.flowctl.errors.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads flows.yaml into a {@link Spec}. YAML is only composed into nodes (never constructed
 * into objects), so no tag can instantiate a type; aliases, nesting and size are bounded.
 * Every problem is collected with its position and reported together in a {@link SpecException}.
 */
public final class SpecParser {
    /** The longest line accepted; the YAML scanner slows down badly on megabyte-long scalars. */
    public static final int MAX_LINE_LENGTH = 65_536;

    /** The largest flows.yaml accepted, in code points: far above any real spec. */
    public static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

    static final Set<String> TOP_KEYS = ordered("project", "compatibility", "state", "engine", "environments", "types", "include", "flows",
            "moved", "removed");
    static final Set<String> STATE_KEYS = ordered("backend", "path", "bucket", "key", "region", "endpoint", "profile", "kmsKeyId", "pathStyle",
            "timeout");
    static final Set<String> ENGINE_KEYS = ordered("type", "dir", "region", "roleArn", "endpoint", "profile", "alias",
            "logging", "tracing", "publish", "tags", "deploy", "update", "delete", "list", "run", "status", "cancel", "runs", "timeout",
            "python", "env", "names", "runOn");
    /** A version may tune its deployment but not how deployments are named: names: is one rule per engine. */
    static final Set<String> VERSION_ENGINE_KEYS = ENGINE_KEYS.stream().filter(k -> !k.equals("names"))
            .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
    static final Set<String> ENV_KEYS = ordered("state", "engine", "template", "instances");
    static final Set<String> STATE_BACKENDS = ordered("local", "s3");
    static final Set<String> FLOW_KEYS = ordered("owner", "description", "source", "compatibility", "sourceCheck", "protect", "versions");
    static final Set<String> VERSION_KEYS = ordered("source", "definition", "engine", "description", "sourceCheck", "deprecated", "protect", "inputs");
    static final Set<String> DEPRECATED_KEYS = ordered("replacement", "sunset", "reason");

    private final Problems problems;
    private final YamlMaps yaml;
    private final Path file;
    private final Path root;
    private final InputParser inputs;
    private final SpecScalars scalars;
    private final DeploymentBlocks deployment;
    /** Kept across both passes over the document, so each source is walked once. */
    private final SpecPaths paths;
    private SpecPositions positions;
    /** Reads the flows of the current pass; created once the custom types are known. */
    private FlowParser flows;
    private Map<String, TypeRef.CustomType> types;
    private boolean flowsStreamed;
    private boolean typesSeenBeforeFlows;

    private SpecParser(Path file, Path root) {
        this.file = file;
        this.root = root;
        this.problems = new Problems(file.toString());
        this.yaml = new YamlMaps(problems);
        this.inputs = new InputParser(problems, yaml);
        this.scalars = new SpecScalars(problems, yaml);
        this.deployment = new DeploymentBlocks(problems, yaml, scalars);
        this.paths = new SpecPaths(problems, yaml, file, root);
        this.positions = new SpecPositions(SpecPositions.relative(file, root));
    }

    /** Parses and validates the flows.yaml at {@code file}; paths are checked against the disk. */
    public static Spec parse(Path file) {
        return parse(file, SpecFile.read(file));
    }

    /**
     * The text of the flows.yaml at {@code file}, read as {@link #parse(Path)} reads it, for callers
     * that fingerprint exactly the text they then parse with {@link #parse(Path, String)}.
     */
    public static String read(Path file) {
        return SpecFile.read(file);
    }

    /** Parses {@code text} as if it were the content of {@code file}. */
    public static Spec parse(Path file, String text) {
        Path base = file.toAbsolutePath().normalize().getParent();
        return new SpecParser(file, repositoryRoot(base)).read(text);
    }

    /** The nearest ancestor holding {@code .git}, else the directory of flows.yaml. */
    static Path repositoryRoot(Path base) {
        for (Path p = base; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) return p;
        }
        return base;
    }

    private Spec read(String text) {
        SpecYaml.checkLineLengths(text, file.toString(), problems);
        Node rootNode = compose(text);
        if (rootNode != null && typesFollowFlows(rootNode)) {
            // Flows were read before their custom types were known: read them again, types first.
            problems.clear();
            positions = new SpecPositions(SpecPositions.relative(file, root));
            types = inputs.customTypes(valueOf(((MappingNode) rootNode).getValue(), "types"));
            flows = flows.again(positions, types);
            compose(text);
        }
        if (rootNode == null) {
            if (problems.isEmpty()) problems.at(ErrorCode.SPEC_YAML_INVALID, (Node) null, "the file is empty; start with 'project: <name>' and a 'flows:' mapping.");
            throw new SpecException(problems.sorted());
        }
        Map<String, Node> top = yaml.mapping(rootNode, "the top level", TOP_KEYS);
        String project = null;
        if (!top.containsKey("project")) {
            problems.at(ErrorCode.SPEC_MISSING_KEY, rootNode, "missing 'project: <name>' at the top level; it prefixes every deployed name.");
        } else {
            project = scalars.name(top.get("project"), "project", Names.PROJECT);
        }
        CompatibilityMode mode = top.containsKey("compatibility") ? scalars.mode(top.get("compatibility")) : CompatibilityMode.BACKWARD;
        Settings state = deployment.state(top.get("state"));
        Settings engine = deployment.engine(top.get("engine"));
        Map<String, Environment> envs = deployment.environments(top.get("environments"), state, engine);
        if (types == null) {
            types = top.containsKey("types") ? inputs.customTypes(top.get("types")) : Map.of();
            flows = newFlowParser();
        }
        if (!top.containsKey("flows") && !top.containsKey("include")) {
            problems.at(ErrorCode.SPEC_MISSING_KEY, rootNode, "missing 'flows:' at the top level; declare at least one flow with its versions.");
        } else if (top.containsKey("flows") && !flowsStreamed) {
            flows.all(top.get("flows"));
        }
        Map<String, FlowSpec> merged = flows.flows();
        IncludedFiles includedFiles = IncludedFiles.NONE;
        List<SpecProblem> fromIncludes = List.of();
        if (top.containsKey("include")) {
            SpecIncludes.Result included = new SpecIncludes(file, root, problems, positions, types).read(top.get("include"), flows.flows());
            fromIncludes = included.problems();
            merged = new java.util.LinkedHashMap<>(flows.flows());
            merged.putAll(included.flows());
            includedFiles = included.files();
        }
        // moved: and removed: name flows of the whole spec, included files' too.
        Refactorings refactorings = top.containsKey("moved") || top.containsKey("removed")
                ? new RefactoringBlocks(problems, yaml, positions).read(top.get("moved"), top.get("removed"), merged)
                : Refactorings.NONE;
        if (!problems.isEmpty() || !fromIncludes.isEmpty()) {
            List<SpecProblem> all = new java.util.ArrayList<>(problems.sorted());
            all.addAll(fromIncludes);
            throw new SpecException(all);
        }
        return new Spec(file, root, project, mode, state, engine, envs, types, merged, positions, refactorings, includedFiles);
    }

    private Node compose(String text) {
        return SpecYaml.compose(text, file.toString(), problems, this::streamedFlow);
    }

    /** Reads one flow as soon as it is composed (see {@link NodeComposer}), its custom types first. */
    private void streamedFlow(NodeTuple tuple, List<NodeTuple> rootSoFar) {
        flowsStreamed = true;
        if (types == null) {
            Node typesNode = valueOf(rootSoFar, "types");
            types = typesNode == null ? Map.of() : inputs.customTypes(typesNode);
            typesSeenBeforeFlows = typesNode != null;
            flows = newFlowParser();
        }
        flows.streamed(tuple);
    }

    private FlowParser newFlowParser() {
        return new FlowParser(problems, yaml, inputs, scalars, paths, positions, types);
    }

    /** True when custom types are declared after flows:, so flows read so far missed them. */
    private boolean typesFollowFlows(Node rootNode) {
        return flowsStreamed && !typesSeenBeforeFlows && rootNode instanceof MappingNode m && valueOf(m.getValue(), "types") != null;
    }

    private static Node valueOf(List<NodeTuple> tuples, String key) {
        for (NodeTuple t : tuples) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) return t.getValueNode();
        }
        return null;
    }

    private static Set<String> ordered(String... keys) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }
}
