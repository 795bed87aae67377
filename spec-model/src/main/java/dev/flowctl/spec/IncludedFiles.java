package dev.flowctl.spec;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files a root flows.yaml pulls in with {@code include:}, in the order they were read, and which
 * of them declares each flow: so a saved plan and generated contracts go stale when a team's file
 * changes, and a plan can group its changes by the team that owns them.
 *
 * @param files     each included file, sorted by its repository-relative name
 * @param flowFiles the repository-relative name of the included file declaring each flow (flows of the root file are absent)
 */
public record IncludedFiles(List<File> files, Map<String, String> flowFiles) {
    /** No {@code include:}: the spec is the root file alone. */
    public static final IncludedFiles NONE = new IncludedFiles(List.of(), Map.of());

    /**
     * One included file.
     *
     * @param path   the file as read (the root file's directory resolved with what the glob matched)
     * @param name   its path relative to the repository root, with {@code /}, as positions name it
     * @param sha256 the SHA-256 (hex) of the text that was parsed
     */
    public record File(Path path, String name, String sha256) {
    }

    public IncludedFiles {
        files = List.copyOf(files);
        flowFiles = Collections.unmodifiableMap(new LinkedHashMap<>(flowFiles));
    }

    /**
     * Whether the root flows.yaml {@code text} may include files: true whenever the word appears, so a
     * caller that skips parsing when the root text is unchanged never misses a change in a team's file.
     */
    public static boolean mayInclude(String text) {
        return text.contains("include");
    }

    /** {@code rootText} followed by each included file's name and hash: a fingerprint of the whole spec. */
    public String appendedTo(String rootText) {
        if (files.isEmpty()) return rootText;
        StringBuilder b = new StringBuilder(rootText);
        for (File f : files) b.append("\n# include ").append(f.name()).append(' ').append(f.sha256());
        return b.toString();
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /**
     * The directory of the included file declaring {@code flow} ({@code teams/risk} for
     * {@code teams/risk/flows.yaml}), its owner when the flow names none; null for a root flow.
     */
    public String directoryOf(String flow) {
        String name = flowFiles.get(flow);
        if (name == null) return null;
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(0, slash);
    }
}
