package dev.flowctl.spec;

import dev.flowctl.errors.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the files a root flows.yaml names under {@code include:} (globs relative to its directory)
 * and the flows they declare, so each team can own its file. An included file holds only
 * {@code flows:}; it uses the root's custom types, its paths are relative to itself, and it cannot
 * include further files (so there is no cycle to detect). Included files are untrusted like the
 * root: no glob may leave the repository (no absolute path, no {@code ..}, no link out), each file
 * is bounded as the root is, and so are their number and total size.
 */
final class SpecIncludes {
    /** The most files {@code include:} may pull in: far above any real number of teams. */
    static final int MAX_FILES = 1_000;
    /** The most directory entries one glob may look at, so a glob over a huge tree fails fast. */
    static final int MAX_VISITED = 100_000;
    /** How deep a {@code **} glob looks below its literal directory. */
    static final int MAX_GLOB_DEPTH = 16;
    /** The keys an included file may hold. */
    static final Set<String> INCLUDED_KEYS = Set.of("flows");

    /** The flows read from every included file, the files themselves, and what is wrong with them. */
    record Result(Map<String, FlowSpec> flows, IncludedFiles files, List<SpecProblem> problems) {
    }

    private final Path rootFile;
    private final Path base;
    private final Path root;
    private final Problems problems;
    private final SpecPositions positions;
    private final Map<String, TypeRef.CustomType> types;

    SpecIncludes(Path rootFile, Path root, Problems problems, SpecPositions positions, Map<String, TypeRef.CustomType> types) {
        this.rootFile = rootFile;
        this.base = rootFile.toAbsolutePath().normalize().getParent();
        this.root = root;
        this.problems = problems;
        this.positions = positions;
        this.types = types;
    }

    /**
     * Reads every file {@code includeNode} matches, in the order of their paths. Problems with the
     * globs themselves go to the root file's problems; problems inside an included file are returned,
     * each naming that file.
     */
    Result read(Node includeNode, Map<String, FlowSpec> rootFlows) {
        Map<String, Path> matched = matches(includeNode);
        Map<String, FlowSpec> flows = new LinkedHashMap<>();
        Map<String, String> flowFiles = new LinkedHashMap<>();
        List<IncludedFiles.File> files = new ArrayList<>();
        List<SpecProblem> found = new ArrayList<>();
        // Where each flow was first declared: reading a later file overwrites positions of the same name.
        Map<String, SourcePosition> firstDeclared = new HashMap<>();
        rootFlows.keySet().forEach(f -> firstDeclared.put(f, positions.ofFlow(f)));
        long characters = 0;
        for (Map.Entry<String, Path> e : matched.entrySet()) {
            String name = e.getKey();
            Path shown = rootFile.resolveSibling(base.relativize(e.getValue()));
            Problems fileProblems = new Problems(shown.toString());
            SpecPositions filePositions = positions.included(name, shown.toString());
            String text;
            try {
                text = SpecFile.read(shown);
                characters += text.length();
                if (characters > SpecParser.MAX_CODE_POINTS) {
                    problems.at(ErrorCode.SPEC_TOO_LARGE, includeNode, "the included files hold more than " + SpecParser.MAX_CODE_POINTS
                            + " characters (64 Mi) together, the most flowctl reads for one spec; keep large content in the files flows.yaml names.");
                    break;
                }
                SpecYaml.checkLineLengths(text, shown.toString(), fileProblems);
            } catch (SpecException ex) {
                found.addAll(ex.problems());
                continue;
            }
            Map<String, FlowSpec> declared = readFile(shown, text, fileProblems, filePositions);
            files.add(new IncludedFiles.File(shown, name, sha256(text)));
            for (FlowSpec flow : declared.values()) {
                SourcePosition first = firstDeclared.get(flow.name());
                if (firstDeclared.containsKey(flow.name())) {
                    SourcePosition again = filePositions.ofFlow(flow.name());
                    fileProblems.at(ErrorCode.SPEC_DUPLICATE, new org.yaml.snakeyaml.error.Mark(shown.toString(), 0,
                            again == null ? 0 : again.line() - 1, again == null ? 0 : again.column() - 1, new int[0], 0),
                            "flow '" + flow.name() + "' is declared twice: here and at " + (first == null ? "another file" : first)
                                    + "; a flow lives in exactly one file, so remove one of them.");
                    continue;
                }
                firstDeclared.put(flow.name(), filePositions.ofFlow(flow.name()));
                flows.put(flow.name(), flow);
                flowFiles.put(flow.name(), name);
            }
            found.addAll(fileProblems.sorted());
        }
        return new Result(flows, new IncludedFiles(files, flowFiles), found);
    }

    /** The flows of one included file, its paths made relative to the root file as every reader of a spec expects. */
    private Map<String, FlowSpec> readFile(Path shown, String text, Problems fileProblems, SpecPositions filePositions) {
        YamlMaps fileYaml = new YamlMaps(fileProblems);
        InputParser inputs = new InputParser(fileProblems, fileYaml);
        SpecScalars scalars = new SpecScalars(fileProblems, fileYaml);
        SpecPaths paths = new SpecPaths(fileProblems, fileYaml, shown, root);
        FlowParser parser = new FlowParser(fileProblems, fileYaml, inputs, scalars, paths, filePositions, types);
        boolean[] streamed = {false};
        Node doc = SpecYaml.compose(text, shown.toString(), fileProblems, (tuple, rootSoFar) -> {
            streamed[0] = true;
            parser.streamed(tuple);
        });
        if (doc == null) {
            if (fileProblems.isEmpty()) {
                fileProblems.at(ErrorCode.SPEC_YAML_INVALID, (Node) null, "the included file is empty; give it a 'flows:' mapping, or remove it.");
            }
            return Map.of();
        }
        if (!(doc instanceof MappingNode top)) {
            fileProblems.at(ErrorCode.SPEC_WRONG_SHAPE, doc, "an included file must be a mapping with 'flows:', not " + YamlMaps.describe(doc) + ".");
            return Map.of();
        }
        Node flowsNode = null;
        for (NodeTuple t : top.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                fileProblems.at(ErrorCode.SPEC_WRONG_SHAPE, t.getKeyNode(), "keys at the top level must be plain names, not "
                        + YamlMaps.describe(t.getKeyNode()) + ".");
            } else if (k.getValue().equals("flows")) {
                flowsNode = t.getValueNode();
            } else if (k.getValue().equals("include")) {
                fileProblems.at(ErrorCode.SPEC_INCLUDE_INVALID, k, "include: may only be used in the root flows.yaml (" + rootFile
                        + "), not in an included file; list every file there.");
            } else if (SpecParser.TOP_KEYS.contains(k.getValue())) {
                fileProblems.at(ErrorCode.SPEC_INCLUDE_INVALID, k, "'" + k.getValue() + "' may only be set in the root flows.yaml (" + rootFile
                        + "); an included file holds only 'flows:', so move it there.");
            } else {
                fileProblems.at(ErrorCode.SPEC_UNKNOWN_KEY, k, "unknown key '" + k.getValue() + "' at the top level of an included file."
                        + " Allowed keys: flows.");
            }
        }
        if (flowsNode == null) {
            fileProblems.at(ErrorCode.SPEC_MISSING_KEY, doc, "missing 'flows:' at the top level; an included file declares flows with their versions.");
        } else if (!streamed[0]) {
            parser.all(flowsNode);
        }
        Path dir = shown.toAbsolutePath().normalize().getParent();
        Map<String, FlowSpec> out = new LinkedHashMap<>();
        parser.flows().forEach((name, flow) -> out.put(name, relativeToRoot(flow, dir)));
        return out;
    }

    /**
     * The flow with its {@code source:} and {@code definition:} paths, written relative to the
     * included file, made relative to the root file's directory: every reader of a spec (planner,
     * engines, codegen, source sync) resolves them against {@link Spec#baseDir()}.
     */
    private FlowSpec relativeToRoot(FlowSpec flow, Path dir) {
        Map<String, VersionSpec> versions = new LinkedHashMap<>();
        flow.versions().forEach((name, v) -> versions.put(name, new VersionSpec(v.flow(), v.name(), rebase(v.source(), dir),
                rebase(v.definition(), dir), v.engine(), v.inputs(), v.sourceCheck())));
        return new FlowSpec(flow.name(), flow.owner(), flow.description(), flow.compatibilityOverride(), versions);
    }

    private String rebase(String path, Path dir) {
        if (path == null || path.isBlank()) return path;
        try {
            return base.relativize(dir.resolve(path).normalize()).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return path;
        }
    }

    /**
     * Every file the globs under {@code include:} match, by repository-relative name (so in a stable,
     * sorted order), each once; a glob that matches nothing, leaves the repository or matches too
     * much is a problem at the glob.
     */
    private Map<String, Path> matches(Node includeNode) {
        Map<String, Path> matched = new TreeMap<>();
        if (!(includeNode instanceof SequenceNode list)) {
            problems.at(ErrorCode.SPEC_WRONG_SHAPE, includeNode, "include must be a list of globs relative to flows.yaml, e.g. "
                    + "[teams/*/flows.yaml], not " + YamlMaps.describe(includeNode) + ".");
            return matched;
        }
        Set<Path> seen = new HashSet<>();
        Path realRoot;
        Path realRootFile;
        try {
            realRoot = root.toRealPath();
            realRootFile = rootFile.toRealPath();
        } catch (IOException e) {
            problems.at(ErrorCode.SPEC_PATH_REFUSED, includeNode, "include cannot be resolved (" + e.getMessage() + ").");
            return matched;
        }
        for (Node item : list.getValue()) {
            if (!(item instanceof ScalarNode s) || s.getTag().equals(Tag.NULL) || s.getValue().isBlank()) {
                problems.at(ErrorCode.SPEC_WRONG_SHAPE, item, "each include must be a glob such as teams/*/flows.yaml, not " + YamlMaps.describe(item) + ".");
                continue;
            }
            String glob = s.getValue();
            String refused = refusal(glob);
            if (refused != null) {
                problems.at(ErrorCode.SPEC_PATH_REFUSED, item, "include '" + glob + "' " + refused);
                continue;
            }
            List<Path> files;
            try {
                files = expand(glob);
            } catch (GlobException e) {
                problems.at(e.code, item, "include '" + glob + "' " + e.getMessage());
                continue;
            }
            if (files.isEmpty()) {
                // A typo must not plan the deletion of every flow the glob was meant to bring in.
                problems.at(ErrorCode.SPEC_INCLUDE_INVALID, item, "include '" + glob + "' matches no file; fix the glob (it is relative to "
                        + rootFile + "), or remove it from include.");
                continue;
            }
            for (Path f : files) {
                Path real;
                try {
                    real = f.toRealPath();
                } catch (IOException e) {
                    problems.at(ErrorCode.SPEC_PATH_REFUSED, item, "include '" + glob + "' matches " + base.relativize(f) + ", which cannot be read ("
                            + e.getMessage() + ").");
                    continue;
                }
                if (!real.startsWith(realRoot)) {
                    problems.at(ErrorCode.SPEC_PATH_REFUSED, item, "include '" + glob + "' matches " + base.relativize(f)
                            + ", which links outside the repository (" + root + "); include only files inside it.");
                    continue;
                }
                // The root itself (matched by a glob such as **/flows.yaml) is not included again.
                if (real.equals(realRootFile) || !seen.add(real)) continue;
                matched.put(SpecPositions.relative(f, root), f);
            }
            if (matched.size() > MAX_FILES) {
                problems.at(ErrorCode.SPEC_INCLUDE_INVALID, item, "include: matches more than " + MAX_FILES + " files, above the limit of "
                        + MAX_FILES + "; include fewer, larger files.");
                return new TreeMap<>();
            }
        }
        return matched;
    }

    /** Why a glob may not be used as written, as the rest of a sentence, or null when it may. */
    private static String refusal(String glob) {
        if (glob.startsWith("/") || glob.startsWith("\\") || glob.matches("^[A-Za-z]:.*") || glob.startsWith("~")) {
            return "is an absolute path; include files inside the repository, relative to flows.yaml.";
        }
        for (String segment : glob.split("[/\\\\]")) {
            if (segment.equals("..")) return "goes up with '..'; include only files in the directory of flows.yaml or below it.";
        }
        return null;
    }

    /** The regular files (or links to them) under the root file's directory that {@code glob} matches. */
    private List<Path> expand(String glob) {
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (PatternSyntaxException e) {
            throw new GlobException(ErrorCode.SPEC_INCLUDE_INVALID, "is not a valid glob (" + e.getDescription() + "); use *, ?, ** and {a,b}.");
        } catch (IllegalArgumentException e) {
            throw new GlobException(ErrorCode.SPEC_INCLUDE_INVALID, "is not a valid glob; use *, ?, ** and {a,b}.");
        }
        String[] segments = glob.split("/");
        StringBuilder literal = new StringBuilder();
        int literalSegments = 0;
        for (int i = 0; i < segments.length - 1 && segments[i].chars().noneMatch(c -> "*?[{\\".indexOf(c) >= 0); i++) {
            literal.append(segments[i]).append('/');
            literalSegments++;
        }
        Path start;
        try {
            start = base.resolve(literal.toString()).normalize();
        } catch (InvalidPathException e) {
            throw new GlobException(ErrorCode.SPEC_INCLUDE_INVALID, "is not a valid path.");
        }
        if (!start.startsWith(base) || !Files.isDirectory(start, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return List.of();
        int depth = glob.contains("**") ? MAX_GLOB_DEPTH : segments.length - literalSegments;
        List<Path> files = new ArrayList<>();
        int[] visited = {0};
        try {
            Files.walkFileTree(start, EnumSet.noneOf(java.nio.file.FileVisitOption.class), depth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    count();
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    // Version control and flowctl's own state never hold a team's flows.
                    return !dir.equals(start) && (name.equals(".git") || name.equals(SourceTree.FLOWCTL_DIR))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    count();
                    if (!attrs.isDirectory() && matcher.matches(base.relativize(file))) files.add(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                private void count() {
                    if (++visited[0] > MAX_VISITED) {
                        throw new GlobException(ErrorCode.SPEC_INCLUDE_INVALID, "looks at more than " + MAX_VISITED
                                + " files and directories; make it narrower, e.g. teams/*/flows.yaml.");
                    }
                }
            });
        } catch (IOException e) {
            throw new GlobException(ErrorCode.SPEC_PATH_REFUSED, "cannot be listed (" + e.getMessage() + ").");
        }
        return files;
    }

    private static String sha256(String text) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A glob that cannot be expanded, with the rest of the sentence that says why. */
    private static final class GlobException extends RuntimeException {
        final ErrorCode code;

        GlobException(ErrorCode code, String message) {
            super(message);
            this.code = code;
        }
    }
}
