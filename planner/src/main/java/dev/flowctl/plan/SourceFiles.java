package dev.flowctl.plan;

import dev.flowctl.spec.Spec;
import java.nio.file.Path;

/**
 * Where a plan's relative paths live at apply time: the directory of flows.yaml (paths resolve
 * against it) and the repository root (links may not leave it). A saved plan carries no absolute
 * path, so it can be applied from another checkout of the same commit (another CI job).
 */
public record SourceFiles(Path baseDir, Path root) {
    /** The files of the repository {@code spec} was read from. */
    public static SourceFiles of(Spec spec) {
        return new SourceFiles(spec.baseDir(), spec.root());
    }

    public Path resolve(String relative) {
        return baseDir.resolve(relative).normalize();
    }
}
