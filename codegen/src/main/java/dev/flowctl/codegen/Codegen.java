package dev.flowctl.codegen;

import dev.flowctl.errors.ErrorCode;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Spec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Generates the contracts of every flow version of a spec: {@code proto/}, {@code java/} and
 * {@code python/} under an output directory, numbers pinned in flows.lock. Writing is incremental (a file whose
 * content is unchanged is not touched) and output is byte-identical across runs.
 */
public final class Codegen {
    /**
     * What to generate from where into where. With {@code frozenLock}, generating fails instead of
     * changing flows.lock (for CI builds, where a lock change must come from a commit).
     */
    public record Request(Spec spec, Path outDir, Path lockFile, Set<Language> languages, boolean frozenLock, String specDigest) {
        public Request {
            languages = Set.copyOf(languages);
        }

        public Request(Spec spec, Path outDir, Path lockFile, Set<Language> languages, boolean frozenLock) {
            this(spec, outDir, lockFile, languages, frozenLock, null);
        }

        public Request(Spec spec, Path outDir, Path lockFile, Set<Language> languages) {
            this(spec, outDir, lockFile, languages, false);
        }
    }

    /**
     * A run that found everything current from the manifest alone: {@code versions} flow versions,
     * {@code files} generated files, none written, read or removed.
     */
    public record Unchanged(int versions, int files) {
    }

    /**
     * Everything a spec renders to, before anything is written: {@code protoModels} are the .proto
     * files generated (with the proto language), {@code contracts} every version's .proto model
     * whatever the languages, to compare with the numbers it published before.
     */
    public record Rendered(Map<String, GeneratedFile> files, FlowsLock lock, List<ProtoModel.File> protoModels,
                           List<ProtoModel.File> contracts) {
        /** The descriptor protoc should produce for each generated .proto, by path under {@code proto/}. */
        public Map<String, FileDescriptorProto> descriptors() {
            Map<String, FileDescriptorProto> out = new TreeMap<>();
            protoModels.forEach(m -> out.put(m.path(), DescriptorRenderer.render(m)));
            return out;
        }
    }

    /** What a generate run did: files written (relative to the output directory) and deleted. */
    public record Result(List<String> written, int unchanged, List<String> deleted, boolean lockWritten) {
    }

    /** Why a file fails `--check`. */
    public enum Reason {
        MISSING("missing; run flowctl codegen"),
        STALE("out of date with flows.yaml; run flowctl codegen"),
        HAND_EDITED("edited by hand (its checksum no longer matches); generated files must not be edited, run flowctl codegen to restore it"),
        ORPHANED("generated for a flow version no longer in flows.yaml; run flowctl codegen to remove it"),
        LOCK_STALE("does not pin the numbers of the current flows.yaml; run flowctl codegen and commit flows.lock");

        private final String explanation;

        Reason(String explanation) {
            this.explanation = explanation;
        }

        public String explanation() {
            return explanation;
        }
    }

    /** One file that fails `--check`. */
    public record Problem(Path file, Reason reason) {
    }

    private Codegen() {
    }

    /** Renders every file for {@code spec}, numbering from {@code lock}. Writes nothing. */
    public static Rendered render(Spec spec, FlowsLock lock, Set<Language> languages) {
        Numbered n = Numbered.of(spec, lock, languages, null);
        return n.render();
    }

    /**
     * The fingerprint of the flows.yaml text a request's spec was parsed from, to pass as
     * {@link Request#specDigest} and to {@link #unchanged}: with it, generate records what it
     * produced ({@link CodegenManifest}) so the next run with the same inputs skips its work.
     */
    public static String specDigest(String flowsYamlText) {
        return CodegenManifest.fingerprint(flowsYamlText);
    }

    /**
     * Present when the last {@link #generate} with this flows.yaml text ({@link #specDigest}), the
     * same flows.lock, output directory, languages and generator left every generated file and
     * directory as it is now (sizes and mtimes): then generate would write nothing, and the caller
     * need not even parse flows.yaml. Reads the manifest, flows.lock and file attributes only.
     * Empty whenever anything may differ; never used by {@link #check}, which compares every byte.
     */
    public static Optional<Unchanged> unchanged(Path outDir, Path lockFile, Set<Language> languages, String specDigest) {
        OutputTree.checkLock(lockFile);
        CodegenManifest manifest = CodegenManifest.of(outDir, lockFile, languages, specDigest, OutputTree.readOrNull(lockFile));
        if (manifest == null) return Optional.empty();
        return manifest.current();
    }

    /** Writes what changed, removes generated files no longer wanted, and updates flows.lock. */
    public static Result generate(Request request) {
        return generate(request, null);
    }

    /**
     * Generates the files of the versions {@code selected} accepts (null: all), and the shared ones:
     * a partial run (--target) writes no other version's file, removes no orphan and leaves no
     * manifest behind. flows.lock still pins every version, as numbers never depend on the selection.
     */
    public static Result generate(Request request, Predicate<FlowVersionAddress> selected) {
        OutputTree.checkLock(request.lockFile());
        String lockOnDisk = OutputTree.readOrNull(request.lockFile());
        Numbered n = Numbered.of(request.spec(), parseLock(request, lockOnDisk), request.languages(), selected);
        OutputTree out = new OutputTree(request.outDir());
        // Under an output directory that does not exist nothing can be a link, current, published or an orphan.
        Prepared p = out.checkDirectories("") ? prepare(request, lockOnDisk, n, out, selected) : null;
        String lock = n.lock().render();
        boolean lockWritten = !lock.equals(lockOnDisk);
        if (lockWritten && request.frozenLock()) {
            throw new CodegenException(ErrorCode.CODEGEN_LOCK_FROZEN, request.lockFile() + " does not pin the numbers of the current flows.yaml and the lock is frozen;"
                    + " run flowctl codegen (or this build without the frozen lock) and commit flows.lock.");
        }
        // A partial run writes no manifest of its own; the last full run's no longer matches the files' mtimes once one is written.
        CodegenManifest manifest = request.specDigest() == null || selected != null ? null
                : CodegenManifest.of(request.outDir(), request.lockFile(), request.languages(), request.specDigest(), lock);
        if (manifest != null) manifest.invalidate();
        List<String> written = new ArrayList<>();
        int unchanged = 0;
        List<String> deleted = new ArrayList<>();
        Collection<String> files;
        try {
            if (p == null) {
                written = writeFresh(request, out, n);
                files = written;
            } else {
                Rendered r = p.rendered();
                for (GeneratedFile f : r.files().values()) {
                    if (p.current().contains(f.path()) || f.content().equals(out.read(f.path()))) {
                        unchanged++;
                        continue;
                    }
                    out.write(f.path(), f.content().getBytes(StandardCharsets.UTF_8));
                    written.add(f.path());
                }
                for (String orphan : p.orphans()) {
                    Files.delete(out.resolve(orphan));
                    deleted.add(orphan);
                    removeEmptiedDirectories(request.outDir(), orphan);
                }
                files = r.files().keySet();
            }
            if (lockWritten) OutputTree.writeLock(request.lockFile(), lock);
            if (manifest != null) manifest.write(request.spec().versions().size(), files, ownFolders(request));
            return new Result(written, unchanged, deleted, lockWritten);
        } catch (IOException e) {
            throw cannotWrite(request, e);
        }
    }

    private static UncheckedIOException cannotWrite(Request request, IOException e) {
        return new UncheckedIOException("cannot write generated code under " + request.outDir() + ": " + e.getMessage(), e);
    }

    /**
     * Writes every file into an output directory that did not exist (a first run, a clean build),
     * reading and comparing nothing. Units render on every core and each is written by the thread
     * that rendered it, one thread at a time: much of such a run is the kernel creating 6,000 files
     * in 8,000 directories, which one thread's rendering overlaps, but two threads creating files at
     * once cost this ext4 twice the system time (bench/codegen/README.md). A failure (a name clash found while
     * rendering, a full disk) removes everything written, so the run leaves things as they were,
     * as a refusal before the first write does. Returns the files in the order {@link #render} lists them.
     */
    private static List<String> writeFresh(Request request, OutputTree out, Numbered n) {
        Set<String> claimed = ConcurrentHashMap.newKeySet(); // Python packages' __init__.py come with every version
        try {
            Object writer = new Object();
            List<List<String>> units = InParallel.map(n.units(), InParallel.cores(), u -> {
                List<String> paths = new ArrayList<>();
                for (Numbered.Source s : u.render()) {
                    paths.add(s.path());
                    if (!claimed.add(s.path())) continue;
                    byte[] bytes = GeneratedFile.bytesOf(s.path(), s.body());
                    synchronized (writer) {
                        try {
                            out.write(s.path(), bytes);
                        } catch (IOException e) {
                            throw cannotWrite(request, e);
                        }
                    }
                }
                return paths;
            });
            Set<String> files = new LinkedHashSet<>();
            units.forEach(files::addAll);
            return new ArrayList<>(files);
        } catch (RuntimeException | Error e) {
            out.undo();
            throw e;
        }
    }

    /** Every generated file that is missing, stale, edited or orphaned, and flows.lock if it is stale. */
    public static List<Problem> check(Request request) {
        return check(request, null);
    }

    /** As {@link #check(Request)}, for the files of the versions {@code selected} accepts (null: all); orphans are not looked for. */
    public static List<Problem> check(Request request, Predicate<FlowVersionAddress> selected) {
        Prepared p = prepare(request, selected);
        Rendered r = p.rendered();
        List<Problem> problems = new ArrayList<>();
        if (!r.lock().render().equals(p.lockOnDisk())) {
            problems.add(new Problem(request.lockFile(), Reason.LOCK_STALE));
        }
        for (GeneratedFile f : r.files().values()) {
            if (p.current().contains(f.path())) continue;
            Path target = request.outDir().resolve(f.path());
            String existing = p.out().read(f.path());
            if (existing == null) {
                problems.add(new Problem(target, Reason.MISSING));
            } else if (!existing.equals(f.content())) {
                boolean edited = !GeneratedFile.isGenerated(existing) || GeneratedFile.isHandEdited(existing);
                problems.add(new Problem(target, edited ? Reason.HAND_EDITED : Reason.STALE));
            }
        }
        for (String orphan : p.orphans()) problems.add(new Problem(request.outDir().resolve(orphan), Reason.ORPHANED));
        return problems;
    }

    /**
     * What generate and check both start from, once every path they will touch is known to be safe;
     * {@code current} are the generated files already read and found as they would be written.
     */
    private record Prepared(Rendered rendered, String lockOnDisk, OutputTree out, List<String> orphans, Set<String> current) {
    }

    /**
     * Reads flows.lock and renders, then refuses, before anything is written: a link or special file
     * on any path codegen would read, write or delete ({@link OutputTree}), and numbers that the
     * generated .proto files already published but the lock no longer holds ({@link #checkPublished}).
     */
    private static Prepared prepare(Request request, Predicate<FlowVersionAddress> selected) {
        OutputTree.checkLock(request.lockFile());
        String lockOnDisk = OutputTree.readOrNull(request.lockFile());
        Numbered n = Numbered.of(request.spec(), parseLock(request, lockOnDisk), request.languages(), selected);
        return prepare(request, lockOnDisk, n, new OutputTree(request.outDir()), selected);
    }

    private static Prepared prepare(Request request, String lockOnDisk, Numbered n, OutputTree out, Predicate<FlowVersionAddress> selected) {
        Rendered r = n.render();
        out.checkDirectories("");
        r.files().keySet().forEach(out::checkFile);
        r.contracts().forEach(c -> out.checkFile(Language.PROTO.folder() + "/" + c.path()));
        Set<String> current = checkPublished(request, out, r, lockOnDisk == null);
        return new Prepared(r, lockOnDisk, out, selected == null ? orphans(request, out, r) : List.of(), current);
    }

    private static FlowsLock parseLock(Request request, String lockOnDisk) {
        return lockOnDisk == null ? FlowsLock.empty() : FlowsLock.parse(lockOnDisk, request.lockFile().toString());
    }

    /**
     * Refuses to renumber a contract that was already generated: every number of a version's last
     * generated .proto must keep its member or stay reserved. The generated file, written by the
     * same run that last wrote flows.lock and committed with it, is the record: codegen does not
     * read state. Refusing rather than recovering, because only flows.lock holds all of it (enum
     * constants and nested type names given to dodge a clash, a --lang java project has no .proto)
     * and version control restores it exactly. A file edited by hand is not a record of what
     * codegen published, and a project whose generated files were deleted too starts afresh.
     * Returns the .proto files found exactly as they would be written, so they are not read again.
     */
    private static Set<String> checkPublished(Request request, OutputTree out, Rendered r, boolean lockMissing) {
        Set<String> current = new HashSet<>();
        for (ProtoModel.File contract : r.contracts()) {
            String path = Language.PROTO.folder() + "/" + contract.path();
            String published = out.read(path);
            if (published == null) {
                // Not generated in the buf layout yet: the file before it published the numbers (and is an orphan now).
                path = Language.PROTO.folder() + "/" + ProtoModelBuilder.legacyPathOf(contract.path());
                out.checkFile(path);
                published = out.read(path);
                if (published == null) continue;
            }
            GeneratedFile next = r.files().get(path);
            if (next != null && next.content().equals(published)) {
                current.add(path);
                continue;
            }
            if (!GeneratedFile.isGenerated(published) || GeneratedFile.isHandEdited(published)) continue;
            List<String> lost = PublishedNumbers.lost(PublishedNumbers.of(published), PublishedNumbers.of(contract));
            if (lost.isEmpty()) continue;
            throw new CodegenException(ErrorCode.CODEGEN_LOCK_INVALID, request.lockFile() + (lockMissing ? " is missing, so the numbers that " : " has lost numbers that ")
                    + out.resolve(path) + " already published" + (lockMissing ? " would change" : "") + " ("
                    + String.join("; ", lost) + "); restore flows.lock from version control (git checkout -- flows.lock) and run flowctl codegen again.");
        }
        return current;
    }

    /**
     * Generated files (by their marker line) that the spec no longer yields, under this project's own
     * folders of the selected languages ({@code proto/<project>/flows/}, {@code java/<project>/flows/}):
     * an output directory shared with other projects keeps theirs. Every file and folder on the way
     * is checked not to be a link; links found inside are skipped, never followed or deleted.
     */
    private static List<String> orphans(Request request, OutputTree out, Rendered r) {
        List<String> found = new ArrayList<>();
        for (String own : ownFolders(request)) {
            if (!out.checkDirectories(own)) continue;
            Path root = out.resolve(own);
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().forEach(p -> {
                    String rel = request.outDir().relativize(p).toString().replace('\\', '/');
                    if (!r.files().containsKey(rel) && GeneratedFile.isGenerated(out.head(p, GeneratedFile.MARKER.length()))) found.add(rel);
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
            }
        }
        found.sort(null); // one order whatever order the languages were asked in
        return found;
    }

    /** Per selected language, the folder under the output directory that holds this project's version files. */
    private static List<String> ownFolders(Request request) {
        return request.languages().stream().sorted().map(l -> l.folder() + "/" + projectFolder(request.spec(), l)).toList();
    }

    /** The folder under a language's folder that holds every version file of this project and nothing of another's. */
    private static String projectFolder(Spec spec, Language language) {
        return switch (language) {
            case PROTO -> ProtoModelBuilder.projectFolder(spec);
            case JAVA -> JavaStubGenerator.projectFolder(spec);
            case PYTHON -> PythonGenerator.projectFolder(spec);
        };
    }

    /**
     * Removes the directories an orphan's deletion left empty (a removed version's Java package),
     * from its own up to, not including, its language folder. A directory holding anything else stays.
     */
    private static void removeEmptiedDirectories(Path outDir, String orphan) throws IOException {
        Path root = outDir.resolve(orphan.substring(0, orphan.indexOf('/')));
        for (Path dir = outDir.resolve(orphan).getParent(); dir != null && dir.startsWith(root) && !dir.equals(root); dir = dir.getParent()) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) return;
            }
            Files.delete(dir);
        }
    }
}
