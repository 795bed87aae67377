package dev.flowctl.spec;

import dev.flowctl.errors.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Checks the {@code source:} and {@code definition:} paths of a spec against the disk: kept apart
 * from the YAML reading because it is the one part of parsing that touches files other than
 * flows.yaml, under the repository-containment rules of {@link SourceTree}.
 *
 * <p>What can be told from the text is checked at once; the disk is looked at in batches on another
 * thread while the rest of the spec is read (a third of reading a spec of 3,000 sources, bench/plan),
 * and {@link Problems} waits for those checks before anyone learns whether there are problems.
 */
final class SpecPaths {
    private final Problems problems;
    private final YamlMaps yaml;
    private final Path file;
    private final Path root;
    private Path realRoot;
    /** What walking each source or definition found ("" for nothing wrong), by {@link #walkKey}. */
    private final Map<String, String> walked = new HashMap<>();

    /** Checks of the disk per batch: enough to make handing a batch to another thread worth it. */
    private static final int BATCH = 64;
    /** Checks not handed over yet. */
    private List<Runnable> batch = new ArrayList<>();
    /** The batches handed over, run one after another (so {@link #walked} needs no lock). */
    private CompletableFuture<Void> running = CompletableFuture.completedFuture(null);
    /** Problems the checks found: written by whichever thread runs them, read after {@link #running} is joined. */
    private final List<SpecProblem> found = new ArrayList<>();
    private boolean awaited;

    SpecPaths(Problems problems, YamlMaps yaml, Path file, Path root) {
        this.problems = problems;
        this.yaml = yaml;
        this.file = file;
        this.root = root;
    }

    /**
     * A path relative to flows.yaml that exists and stays inside the repository, with every file
     * it stands for walked under the rules of {@link SourceTree} (a source may be a directory, a
     * definition is one file). Each real path is walked once per parse, however many versions name it.
     */
    String path(Node node, String what) {
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
        } else {
            check(() -> onDisk(node, what, p, base, resolved));
        }
        return p;
    }

    /** What the disk says about a path inside the repository: null when nothing is wrong. */
    private SpecProblem onDisk(Node node, String what, String p, Path base, Path resolved) {
        if (!Files.exists(resolved, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return problems.problem(ErrorCode.SPEC_PATH_NOT_FOUND, node, what + " '" + p + "' does not exist (looked for " + resolved
                    + "); paths are relative to flows.yaml.");
        }
        boolean directoryOk = what.equals("source");
        String problem = walked.computeIfAbsent(walkKey(resolved, directoryOk), k -> walkProblem(base, resolved, p, directoryOk));
        return problem.isEmpty() ? null : problems.problem(ErrorCode.SPEC_PATH_REFUSED, node, what + " '" + p + "' " + problem);
    }

    private void check(java.util.function.Supplier<SpecProblem> check) {
        batch.add(() -> {
            SpecProblem problem = check.get();
            if (problem != null) found.add(problem);
        });
        if (!awaited) {
            awaited = true;
            problems.later(this::finish);
        }
        if (batch.size() == BATCH) {
            List<Runnable> checks = batch;
            batch = new ArrayList<>();
            // Not the pool itself: CompletableFuture starts a thread per task instead where the pool has one worker (2 cores).
            running = running.thenRunAsync(() -> checks.forEach(Runnable::run), ForkJoinPool.commonPool()::execute);
        }
    }

    /** Waits for the batches handed over, runs the rest here, and hands over what they found. */
    private List<SpecProblem> finish() {
        awaited = false;
        try {
            running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
        batch.forEach(Runnable::run);
        batch = new ArrayList<>();
        List<SpecProblem> out = new ArrayList<>(found);
        found.clear();
        return out;
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
}
