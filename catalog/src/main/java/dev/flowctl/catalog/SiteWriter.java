package dev.flowctl.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes a rendered site into a directory that is empty, new, or was written by the catalog before
 * (it keeps the list of its files in {@value #MARKER}); there it replaces its own files and removes
 * the pages of flows that are gone, and never touches another file. The list may have been edited
 * (the directory can be committed to a repository): a listed path that leaves the directory is
 * ignored, and no file is written or deleted through a link below the directory.
 */
public final class SiteWriter {
    static final String MARKER = ".flowctl-catalog";

    /** What a write did: files written, and earlier pages removed because their flow is gone. */
    public record Written(int written, int removed, long bytes) {
    }

    private SiteWriter() {
    }

    public static Written write(Path dir, Map<String, String> files) {
        try {
            Path marker = dir.resolve(MARKER);
            List<String> before = List.of();
            if (Files.isDirectory(dir)) {
                if (Files.isRegularFile(marker)) {
                    before = Files.readAllLines(marker, StandardCharsets.UTF_8);
                } else if (!isEmpty(dir)) {
                    throw new IllegalArgumentException(dir + " is not empty and was not written by flowctl catalog; give an empty or new directory.");
                }
            } else if (Files.exists(dir)) {
                throw new IllegalArgumentException(dir + " is not a directory; give an empty or new directory.");
            }
            Files.createDirectories(dir);
            TreeSet<String> folders = new TreeSet<>();
            for (String path : files.keySet()) {
                int slash = path.lastIndexOf('/');
                if (slash > 0) folders.add(path.substring(0, slash));
            }
            for (String folder : folders) Files.createDirectories(plainPath(dir, folder));
            // A thousand pages of tens of KB each: encoded and written on every core.
            long bytes;
            try {
                bytes = files.entrySet().parallelStream().mapToLong(f -> writeFile(plainPath(dir, f.getKey()), f.getValue())).sum();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            int removed = 0;
            for (String old : before) {
                if (old.isBlank() || files.containsKey(old) || old.contains("..") || old.startsWith("/") || old.contains("\\")) continue;
                if (Files.deleteIfExists(plainPath(dir, old))) removed++;
            }
            Files.write(marker, new ArrayList<>(new TreeSet<>(files.keySet())), StandardCharsets.UTF_8);
            return new Written(files.size(), removed, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the catalog into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static long writeFile(Path target, String text) {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        try {
            Files.write(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return content.length;
    }

    /**
     * {@code dir/relative}, refused when it or a directory between it and {@code dir} is a link:
     * writing or deleting through one would reach a file outside the output directory.
     */
    static Path plainPath(Path dir, String relative) {
        Path p = dir;
        for (String part : relative.split("/")) {
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)) {
                throw new IllegalArgumentException(p + " is a link; flowctl catalog writes only plain files and directories under "
                        + dir + ", so remove the link or give another directory.");
            }
        }
        return p;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }
}
