package dev.flowctl.spec;

import dev.flowctl.errors.ErrorCode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
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

    static final Set<String> TOP_KEYS = ordered("project", "compatibility", "state", "engine", "environments", "types", "flows");
    static final Set<String> STATE_KEYS = ordered("backend", "path", "bucket", "key", "region", "endpoint", "profile", "kmsKeyId", "pathStyle",
            "timeout");
    static final Set<String> ENGINE_KEYS = ordered("type", "dir", "region", "roleArn", "endpoint", "profile", "alias",
            "logging", "tracing", "publish", "tags", "deploy", "update", "delete", "list", "run", "status", "cancel", "runs", "timeout",
            "python", "env", "names", "runOn");
    /** A version may tune its deployment but not how deployments are named: names: is one rule per engine. */
    static final Set<String> VERSION_ENGINE_KEYS = ENGINE_KEYS.stream().filter(k -> !k.equals("names"))
            .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
    static final Set<String> ENV_KEYS = ordered("state", "engine");
    static final Set<String> STATE_BACKENDS = ordered("local", "s3");
    static final Set<String> FLOW_KEYS = ordered("owner", "description", "source", "compatibility", "sourceCheck", "versions");
    static final Set<String> VERSION_KEYS = ordered("source", "definition", "engine", "description", "sourceCheck", "inputs");

    private final Problems problems;
    private final YamlMaps yaml;
    private final Path file;
    private final Path root;
    private Path realRoot;
    /** What walking each source or definition found ("" for nothing wrong), by {@link #walkKey}. */
    private final Map<String, String> walked = new java.util.HashMap<>();

    private final InputParser inputs;
    private final Map<String, FlowSpec> flows = new LinkedHashMap<>();
    private SpecPositions positions;
    private final Set<String> duplicateFlows = new java.util.HashSet<>();
    private Map<String, TypeRef.CustomType> types;
    private boolean flowsStreamed;
    private boolean typesSeenBeforeFlows;

    private SpecParser(Path file, Path root) {
        this.file = file;
        this.root = root;
        this.problems = new Problems(file.toString());
        this.yaml = new YamlMaps(problems);
        this.inputs = new InputParser(problems, yaml);
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
        int tooLong = firstLineLongerThan(text, MAX_LINE_LENGTH);
        if (tooLong > 0) {
            problems.at(ErrorCode.SPEC_TOO_LARGE, new org.yaml.snakeyaml.error.Mark(file.toString(), 0, tooLong - 1, MAX_LINE_LENGTH, new int[0], 0),
                    "line " + tooLong + " is longer than " + MAX_LINE_LENGTH + " characters; keep large content in files that flows.yaml names.");
            throw new SpecException(problems.sorted());
        }
        Node rootNode = compose(text);
        if (rootNode != null && typesFollowFlows(rootNode)) {
            // Flows were read before their custom types were known: read them again, types first.
            problems.clear();
            flows.clear();
            positions = new SpecPositions(SpecPositions.relative(file, root));
            types = inputs.customTypes(valueOf(((MappingNode) rootNode).getValue(), "types"));
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
            project = name(top.get("project"), "project", Names.PROJECT);
        }
        CompatibilityMode mode = top.containsKey("compatibility") ? mode(top.get("compatibility")) : CompatibilityMode.BACKWARD;
        Settings state = new Settings(top.containsKey("state") ? yaml.settings(top.get("state"), "state", STATE_KEYS) : Map.of());
        checkBackend(top.get("state"));
        Settings engine = new Settings(top.containsKey("engine") ? yaml.settings(top.get("engine"), "engine", ENGINE_KEYS) : Map.of());
        Map<String, Environment> envs = new LinkedHashMap<>();
        if (top.containsKey("environments")) {
            yaml.mapping(top.get("environments"), "environments", null).forEach((name, node) -> {
                checkName(name, node, "environment", Names.ENVIRONMENT);
                Map<String, Node> env = yaml.mapping(node, "environment '" + name + "'", ENV_KEYS);
                checkBackend(env.get("state"));
                envs.put(name, new Environment(name,
                        env.containsKey("state") ? yaml.settings(env.get("state"), "state", STATE_KEYS) : Map.of(),
                        env.containsKey("engine") ? yaml.settings(env.get("engine"), "engine", ENGINE_KEYS) : Map.of()));
            });
        }
        if (types == null) types = top.containsKey("types") ? inputs.customTypes(top.get("types")) : Map.of();
        if (!top.containsKey("flows")) {
            problems.at(ErrorCode.SPEC_MISSING_KEY, rootNode, "missing 'flows:' at the top level; declare at least one flow with its versions.");
        } else if (!flowsStreamed) {
            yaml.mapping(top.get("flows"), "flows", null).forEach(this::flow);
        }
        if (!problems.isEmpty()) throw new SpecException(problems.sorted());
        return new Spec(file, root, project, mode, state, engine, envs, types, flows, positions);
    }

    /** Reads one flow as soon as it is composed (see {@link NodeComposer}), then lets its nodes go. */
    private void streamedFlow(NodeTuple tuple, List<NodeTuple> rootSoFar) {
        flowsStreamed = true;
        if (types == null) {
            Node typesNode = valueOf(rootSoFar, "types");
            types = typesNode == null ? Map.of() : inputs.customTypes(typesNode);
            typesSeenBeforeFlows = typesNode != null;
        }
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

    /** The 1-based number of the first line longer than {@code max}, or 0. */
    private static int firstLineLongerThan(String text, int max) {
        int line = 1;
        int start = 0;
        for (int end; (end = text.indexOf('\n', start)) >= 0; start = end + 1, line++) {
            if (end - start > max) return line;
        }
        return text.length() - start > max ? line : 0;
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

    /** YAML nodes with positions; problems are recorded and null returned when the YAML is unreadable. */
    private Node compose(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(Limits.MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(Limits.MAX_YAML_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setProcessComments(false);
        try {
            return NodeComposer.compose(text, file.toString(), options, this::streamedFlow);
        } catch (MarkedYAMLException e) {
            problems.at(ErrorCode.SPEC_YAML_INVALID, e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark(),
                    "invalid YAML: " + firstLine(e.getProblem() != null ? e.getProblem() : e.getMessage()) + ".");
        } catch (YAMLException e) {
            problems.at(ErrorCode.SPEC_YAML_INVALID, (Node) null, "invalid YAML: " + firstLine(e.getMessage()) + ".");
        } catch (StackOverflowError e) {
            problems.at(ErrorCode.SPEC_YAML_INVALID, (Node) null, "invalid YAML: the document is nested too deeply or malformed.");
        }
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable document";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private void flow(String name, Node nameNode) {
        Map<String, Node> f = yaml.mapping(nameNode, "flow '" + name + "'", FLOW_KEYS);
        checkName(name, nameNode, "flow", Names.FLOW);
        positions.flow(name, position(yaml.keyOf(nameNode)));
        String owner = f.containsKey("owner") ? yaml.string(f.get("owner"), "owner") : null;
        String description = f.containsKey("description") ? yaml.string(f.get("description"), "description") : null;
        CompatibilityMode mode = f.containsKey("compatibility") ? mode(f.get("compatibility")) : null;
        String flowSource = f.containsKey("source") ? path(f.get("source"), "source") : null;
        boolean flowSourceCheck = sourceCheck(f.get("sourceCheck"), true);
        Map<String, VersionSpec> versions = new LinkedHashMap<>();
        if (!f.containsKey("versions")) {
            problems.at(ErrorCode.SPEC_MISSING_KEY, yaml.keyOf(nameNode), "flow '" + name + "' has no 'versions:'; declare at least one, e.g. v1 with its inputs.");
        } else {
            Map<String, Node> vs = yaml.mapping(f.get("versions"), "versions of flow '" + name + "'", null);
            if (vs.isEmpty() && f.get("versions") instanceof org.yaml.snakeyaml.nodes.MappingNode) {
                problems.at(ErrorCode.SPEC_MISSING_KEY, f.get("versions"), "flow '" + name + "' has no versions; declare at least one, or remove the flow to delete it.");
            }
            vs.entrySet().stream()
                    .sorted((a, b) -> VersionOrder.compare(a.getKey(), b.getKey()))
                    .forEach(e -> versions.put(e.getKey(), version(name, e.getKey(), e.getValue(), flowSource, flowSourceCheck)));
        }
        flows.put(name, new FlowSpec(name, owner, description, mode, versions));
    }

    private VersionSpec version(String flow, String name, Node node, String flowSource, boolean flowSourceCheck) {
        String where = "version '" + flow + "@" + name + "'";
        Map<String, Node> v = yaml.mapping(node, where, VERSION_KEYS);
        checkName(name, node, "version", Names.VERSION);
        String source = v.containsKey("source") ? path(v.get("source"), "source") : flowSource;
        if (source == null && !v.containsKey("source")) {
            problems.at(ErrorCode.SPEC_MISSING_KEY, node, where + " has no 'source:'; set it on the version or on the flow.");
        }
        String definition = v.containsKey("definition") ? path(v.get("definition"), "definition") : null;
        Map<String, Object> engine = v.containsKey("engine") ? yaml.settings(v.get("engine"), "engine", VERSION_ENGINE_KEYS) : Map.of();
        List<InputSpec> in = v.containsKey("inputs") ? inputs.inputs(v.get("inputs"), where, types) : List.of();
        remember(new FlowVersionAddress(flow, name), node, v.get("inputs"));
        return new VersionSpec(flow, name, source, definition, engine, in, sourceCheck(v.get("sourceCheck"), flowSourceCheck));
    }

    /** {@code sourceCheck: true|false} (a flow's value is its versions' default). */
    private boolean sourceCheck(Node node, boolean inherited) {
        if (node == null) return inherited;
        Boolean b = yaml.bool(node, "sourceCheck");
        return b == null ? inherited : b;
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
                } else if (key.getValue().equals("values") && d.getValueNode() instanceof org.yaml.snakeyaml.nodes.SequenceNode values) {
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

    /**
     * A path relative to flows.yaml that exists and stays inside the repository, with every file
     * it stands for walked under the rules of {@link SourceTree} (a source may be a directory, a
     * definition is one file). Each real path is walked once per parse, however many versions name it.
     */
    private String path(Node node, String what) {
        String p = yaml.string(node, what);
        if (p == null) return null;
        if (p.isBlank()) {
            problems.at(ErrorCode.SPEC_PATH_NOT_FOUND, node, what + " is empty; name a file" + (what.equals("source") ? " or directory" : "")
                    + " relative to flows.yaml.");
            return p;
        }
        Path base = file.toAbsolutePath().normalize().getParent();
        Path resolved;
        try {
            resolved = base.resolve(p).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            problems.at(ErrorCode.SPEC_PATH_NOT_FOUND, node, what + " '" + p + "' is not a valid path.");
            return p;
        }
        if (!resolved.startsWith(root)) {
            problems.at(ErrorCode.SPEC_PATH_REFUSED, node, what + " '" + p + "' is outside the repository (" + root + "); keep flow code inside it.");
        } else if (!Files.exists(resolved, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            problems.at(ErrorCode.SPEC_PATH_NOT_FOUND, node, what + " '" + p + "' does not exist (looked for " + resolved + "); paths are relative to flows.yaml.");
        } else {
            boolean directoryOk = what.equals("source");
            String problem = walked.computeIfAbsent(walkKey(resolved, directoryOk), k -> walkProblem(base, resolved, p, directoryOk));
            if (!problem.isEmpty()) problems.at(ErrorCode.SPEC_PATH_REFUSED, node, what + " '" + p + "' " + problem);
        }
        return p;
    }

    /** The real path (when it resolves) and kind of walk, so links to one place are walked once. */
    private static String walkKey(Path resolved, boolean directoryOk) {
        Path key;
        try {
            key = resolved.toRealPath();
        } catch (IOException e) {
            key = resolved;
        }
        return (directoryOk ? "source:" : "definition:") + key;
    }

    /** What is wrong with the files {@code resolved} stands for, as the rest of a sentence, or "" when nothing is. */
    private String walkProblem(Path base, Path resolved, String p, boolean directoryOk) {
        try {
            if (realRoot == null) realRoot = root.toRealPath();
            if (directoryOk && Files.isDirectory(resolved) && base.toRealPath().startsWith(resolved.toRealPath())) {
                // The directory of flows.yaml holds flows.yaml and .flowctl/, which change on every plan
                // and apply: a source containing it would never converge.
                return "contains flows.yaml itself and flowctl's own state in " + SourceTree.FLOWCTL_DIR
                        + "/, which change on every apply; point it at a directory of flow code, such as flows/.";
            }
            SourceTree.files(realRoot, resolved, p, directoryOk);
            return "";
        } catch (SourceTree.UnsafePathException e) {
            return e.getMessage();
        } catch (IOException e) {
            return "cannot be read (" + e.getMessage() + ").";
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
                    && !STATE_BACKENDS.contains(v.getValue())) {
                problems.at(ErrorCode.SPEC_UNKNOWN_VALUE, v, "unknown state backend '" + v.getValue() + "'; use one of " + String.join(", ", STATE_BACKENDS) + ".");
            }
        }
    }

    private CompatibilityMode mode(Node node) {
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

    private String name(Node node, String what, java.util.regex.Pattern rule) {
        String s = yaml.string(node, what);
        if (s != null && !rule.matcher(s).matches()) {
            problems.at(ErrorCode.SPEC_INVALID_NAME, node, "invalid " + what + " name '" + s + "': " + Names.rule(what, rule) + ".");
        }
        return s;
    }

    /** Checks a name written as a mapping key; {@code valueNode} is the value under it. */
    private void checkName(String name, Node valueNode, String what, java.util.regex.Pattern rule) {
        if (!rule.matcher(name).matches()) {
            problems.at(ErrorCode.SPEC_INVALID_NAME, yaml.keyOf(valueNode), "invalid " + what + " name '" + name + "': " + Names.rule(what, rule) + ".");
        }
    }

    private static Set<String> ordered(String... keys) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }
}
