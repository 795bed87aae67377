package dev.flowctl.codegen;

import dev.flowctl.files.AtomicFile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

/**
 * What the last successful {@code codegen} run produced, so the next run with the same inputs can
 * tell it has nothing to do from file sizes and modification times alone, without parsing
 * flows.yaml, rendering or reading a generated file (3,000 flow versions: seconds instead of ≈ 0.1 s).
 *
 * <p>One file per output directory and language set, {@code .flowctl/codegen-<hash>.manifest}
 * beside flows.lock: machine-local like the local state (mtimes differ on every checkout), never
 * committed. Its key is a SHA-256 over everything the output is a function of: the text of
 * flows.yaml and of flows.lock (by {@link #fingerprint}), the generator (the jar or classes codegen runs from, by size
 * and mtime), the languages, the output directory and lock paths, and the boot ID. It lists every
 * generated file (size, mtime) and every directory codegen owns or walks for orphans (mtime: adding
 * or removing a file changes it). Anything that differs, a missing, unreadable or malformed
 * manifest, or one that is a link, means "not known current" and the run does its full work, which
 * rewrites the manifest. So a stale or hand-edited manifest costs one full run, never a wrong
 * file; the worst it can do is claim a file current that was edited by hand with its size and
 * mtime restored, which {@code --check} (always a full comparison) still reports.
 *
 * <p>The boot ID is there because generated files are written without fsync (only flows.lock and
 * this manifest are synced): a machine crash may lose the last writes, and changes the boot ID, so
 * the first run after it compares everything again. Where no boot ID is readable every file is
 * synced as before.
 */
final class CodegenManifest {
    private static final String HEADER = "flowctl codegen manifest 1";
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    /** A manifest of 3,000 flow versions is ≈ 0.6 MB; anything far larger was not written by codegen. */
    private static final long MAX_SIZE = 64L << 20;

    private final Path file;
    private final Path outDir;
    private final String key;

    private CodegenManifest(Path file, Path outDir, String key) {
        this.file = file;
        this.outDir = outDir;
        this.key = key;
    }

    /** The manifest for these inputs, or null when the generator cannot be identified (then there is none). */
    static CodegenManifest of(Path outDir, Path lockFile, Set<Language> languages, String specDigest, String lockText) {
        String generator = generator();
        if (generator == null) return null;
        Path out = outDir.toAbsolutePath().normalize();
        Path lock = lockFile.toAbsolutePath().normalize();
        String langs = languages.stream().map(Language::folder).sorted().collect(Collectors.joining(","));
        String where = digest(out + "\n" + langs);
        String key = digest(String.join("\n", HEADER, generator, specDigest, lockText == null ? "no lock" : fingerprint(lockText),
                langs, out.toString(), lock.toString(), String.valueOf(bootId())));
        return new CodegenManifest(lock.getParent().resolve(".flowctl").resolve("codegen-" + where.substring(0, 16) + ".manifest"), out, key);
    }

    /** True when files written now need not be synced one by one: a machine crash is noticed by the boot ID. */
    static boolean crashNoticed() {
        return bootId() != null;
    }

    /**
     * A fingerprint of a large input (flows.yaml, flows.lock: 5 MB each for 3,000 flow versions):
     * its length, CRC-32 and Adler-32, 80 bits that any accidental change alters. Both checksums run
     * natively at any JIT level, where SHA-256 in the launcher's C1-only JVM took a fifth of a
     * no-change run; a deliberate collision gains nothing, since {@code --check} compares every byte.
     */
    static String fingerprint(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        Adler32 adler = new Adler32();
        adler.update(bytes);
        return bytes.length + "-" + Long.toHexString(crc.getValue()) + "-" + Long.toHexString(adler.getValue());
    }

    /** SHA-256 of {@code text} as UTF-8, in hex. */
    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The number of flow versions of the run that wrote this manifest, if its key matches and every
     * file and directory it lists is still there, of the same kind, size and mtime.
     */
    Optional<Codegen.Unchanged> current() {
        List<String> lines = lines();
        if (lines == null || lines.size() < 3 || !lines.get(0).equals(HEADER) || !lines.get(1).equals("key " + key)
                || !lines.get(2).startsWith("versions ")) {
            return Optional.empty();
        }
        try {
            int files = 0;
            int versions = Integer.parseInt(lines.get(2).substring("versions ".length()));
            for (String line : lines.subList(3, lines.size())) {
                String[] f = line.split(" ", line.startsWith("f ") ? 4 : 3);
                BasicFileAttributes a = attributes(outDir.resolve(f[f.length - 1]));
                if (a == null) return Optional.empty();
                boolean same = f[0].equals("f")
                        ? f.length == 4 && a.isRegularFile() && a.size() == Long.parseLong(f[1]) && mtime(a) == Long.parseLong(f[2])
                        : f[0].equals("d") && f.length == 3 && a.isDirectory() && mtime(a) == Long.parseLong(f[1]);
                if (!same) return Optional.empty();
                if (f[0].equals("f")) files++;
            }
            return Optional.of(new Codegen.Unchanged(versions, files));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Removes the manifest before a run changes files, so a run that fails half-way leaves none to trust. */
    void invalidate() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A manifest that cannot be removed cannot match either: its key or the files' mtimes change.
        }
    }

    /**
     * Records {@code files} (paths under the output directory) and every directory from the output
     * directory down to and inside {@code ownFolders}. Writing it is best effort: without it the next
     * run does its full work, so a read-only or linked {@code .flowctl} only costs speed.
     */
    void write(int versions, Collection<String> files, Collection<String> ownFolders) {
        try {
            StringBuilder text = new StringBuilder(HEADER).append("\nkey ").append(key).append("\nversions ").append(versions).append('\n');
            Set<String> dirs = new TreeSet<>();
            dirs.add("");
            for (String own : ownFolders) {
                for (int slash = own.indexOf('/'); slash >= 0; slash = own.indexOf('/', slash + 1)) dirs.add(own.substring(0, slash));
                Path root = outDir.resolve(own);
                if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                    dirs.add(own);
                    continue;
                }
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                            .forEach(p -> dirs.add(outDir.relativize(p).toString().replace('\\', '/')));
                }
            }
            for (String d : dirs) {
                BasicFileAttributes a = attributes(d.isEmpty() ? outDir : outDir.resolve(d));
                if (a == null || !a.isDirectory()) return;
                text.append("d ").append(mtime(a)).append(' ').append(d.isEmpty() ? "." : d).append('\n');
            }
            for (String f : files) {
                BasicFileAttributes a = attributes(outDir.resolve(f));
                if (a == null || !a.isRegularFile()) return;
                text.append("f ").append(a.size()).append(' ').append(mtime(a)).append(' ').append(f).append('\n');
            }
            Path dir = file.getParent();
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                BasicFileAttributes a = attributes(dir);
                if (a == null || !a.isDirectory()) return; // a link or a file: never write through or over it
            }
            AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // Best effort, see above.
        }
    }

    private List<String> lines() {
        BasicFileAttributes a = attributes(file);
        if (a == null || !a.isRegularFile() || a.size() > MAX_SIZE) return null;
        try {
            String text = OutputTree.readOrNull(file);
            return text == null ? null : text.lines().collect(Collectors.toCollection(ArrayList::new));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long mtime(BasicFileAttributes a) {
        return a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    /** This machine's boot ID (Linux), or null. */
    private static String bootId() {
        try {
            return Files.readString(BOOT_ID).trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The code that renders, by the size and mtime of the jar it was loaded from (every build of
     * flowctl or the plugin changes them), or of its class files when run from a build directory.
     */
    private static String generator() {
        try {
            Path from = Path.of(CodegenManifest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            BasicFileAttributes a = attributes(from);
            if (a == null) return null;
            if (a.isRegularFile()) return from + " " + a.size() + " " + mtime(a);
            Path classes = from.resolve("dev/flowctl/codegen");
            long newest = 0;
            int count = 0;
            try (Stream<Path> list = Files.list(classes)) {
                for (Path p : (Iterable<Path>) list::iterator) {
                    BasicFileAttributes c = attributes(p);
                    if (c != null) newest = Math.max(newest, mtime(c));
                    count++;
                }
            }
            return from + " " + count + " " + newest;
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
