package dev.flowctl.codegen;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.VersionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Generates the contracts of every flow version of a spec: {@code proto/} and {@code java/}
 * under an output directory, numbers pinned in flows.lock. Writing is incremental (a file whose
 * content is unchanged is not touched) and output is byte-identical across runs.
 */
public final class Codegen {
    /**
     * What to generate from where into where. With {@code frozenLock}, generating fails instead of
     * changing flows.lock (for CI builds, where a lock change must come from a commit).
     */
    public record Request(Spec spec, Path outDir, Path lockFile, Set<Language> languages, boolean frozenLock) {
        public Request {
            languages = Set.copyOf(languages);
        }

        public Request(Spec spec, Path outDir, Path lockFile, Set<Language> languages) {
            this(spec, outDir, lockFile, languages, false);
        }
    }

    /** Everything a spec renders to, before anything is written. */
    public record Rendered(Map<String, GeneratedFile> files, FlowsLock lock, List<ProtoModel.File> protoModels) {
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
        NumberAssigner assigner = new NumberAssigner(lock);
        ProtoModelBuilder protos = new ProtoModelBuilder(assigner);
        Map<String, GeneratedFile> files = new LinkedHashMap<>();
        List<ProtoModel.File> models = new ArrayList<>();
        boolean proto = languages.contains(Language.PROTO);
        boolean java = languages.contains(Language.JAVA);
        if (proto) models.add(ProtoModelBuilder.runProto());
        for (VersionSpec v : spec.versions()) {
            // Numbers are assigned whatever the languages, so flows.lock never depends on --lang.
            ProtoModelBuilder.Contract contract = protos.version(spec, v);
            if (proto) models.add(contract.file());
            if (java) {
                Map.Entry<String, String> stub = JavaStubGenerator.version(spec, v, contract);
                add(files, Language.JAVA, stub.getKey(), stub.getValue());
            }
        }
        for (ProtoModel.File m : models) add(files, Language.PROTO, m.path(), ProtoRenderer.render(m));
        if (java) JavaStubGenerator.runtime().forEach((path, body) -> add(files, Language.JAVA, path, body));
        return new Rendered(files, assigner.lock(), models);
    }

    private static void add(Map<String, GeneratedFile> files, Language language, String path, String body) {
        String full = language.folder() + "/" + path;
        files.put(full, GeneratedFile.of(full, body));
    }

    /** Writes what changed, removes generated files no longer wanted, and updates flows.lock. */
    public static Result generate(Request request) {
        Rendered r = render(request.spec(), FlowsLock.read(request.lockFile()), request.languages());
        String lock = r.lock().render();
        boolean lockWritten = !lock.equals(readOrNull(request.lockFile()));
        if (lockWritten && request.frozenLock()) {
            throw new CodegenException(request.lockFile() + " does not pin the numbers of the current flows.yaml and the lock is frozen;"
                    + " run flowctl codegen (or this build without the frozen lock) and commit flows.lock.");
        }
        List<String> written = new ArrayList<>();
        int unchanged = 0;
        try {
            for (GeneratedFile f : r.files().values()) {
                Path target = request.outDir().resolve(f.path());
                if (f.content().equals(readOrNull(target))) {
                    unchanged++;
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.content(), StandardCharsets.UTF_8);
                written.add(f.path());
            }
            List<String> deleted = new ArrayList<>();
            for (String orphan : orphans(request, r)) {
                Files.delete(request.outDir().resolve(orphan));
                deleted.add(orphan);
                removeEmptiedDirectories(request.outDir(), orphan);
            }
            if (lockWritten) Files.writeString(request.lockFile(), lock, StandardCharsets.UTF_8);
            return new Result(written, unchanged, deleted, lockWritten);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write generated code under " + request.outDir() + ": " + e.getMessage(), e);
        }
    }

    /** Every generated file that is missing, stale, edited or orphaned, and flows.lock if it is stale. */
    public static List<Problem> check(Request request) {
        Rendered r = render(request.spec(), FlowsLock.read(request.lockFile()), request.languages());
        List<Problem> problems = new ArrayList<>();
        if (!r.lock().render().equals(readOrNull(request.lockFile()))) {
            problems.add(new Problem(request.lockFile(), Reason.LOCK_STALE));
        }
        for (GeneratedFile f : r.files().values()) {
            Path target = request.outDir().resolve(f.path());
            String existing = readOrNull(target);
            if (existing == null) {
                problems.add(new Problem(target, Reason.MISSING));
            } else if (!existing.equals(f.content())) {
                boolean edited = !GeneratedFile.isGenerated(existing) || GeneratedFile.isHandEdited(existing);
                problems.add(new Problem(target, edited ? Reason.HAND_EDITED : Reason.STALE));
            }
        }
        for (String orphan : orphans(request, r)) problems.add(new Problem(request.outDir().resolve(orphan), Reason.ORPHANED));
        return problems;
    }

    /** Generated files (by their marker line) under the selected languages' folders that the spec no longer yields. */
    private static List<String> orphans(Request request, Rendered r) {
        List<String> out = new ArrayList<>();
        for (Language l : request.languages()) {
            Path root = request.outDir().resolve(l.folder());
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).sorted().forEach(p -> {
                    String rel = request.outDir().relativize(p).toString().replace('\\', '/');
                    if (!r.files().containsKey(rel) && startsWithMarker(p)) out.add(rel);
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
            }
        }
        out.sort(null); // one order whatever order the languages were asked in
        return out;
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

    private static boolean startsWithMarker(Path p) {
        try (var in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(GeneratedFile.MARKER.length());
            return GeneratedFile.isGenerated(new String(head, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return false;
        }
    }

    private static String readOrNull(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
