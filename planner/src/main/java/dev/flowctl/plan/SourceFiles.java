package dev.flowctl.plan;

import dev.flowctl.errors.CodedError;
import dev.flowctl.errors.ErrorCode;
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

    /**
     * The file a plan names, refused when it is absolute or leads out of the repository: a saved plan
     * is data from a CI artifact, and the path reaches the hasher and the command an engine runs.
     * (Links that leave the repository are refused where files are read, by ContentHasher.)
     */
    public Path resolve(String relative) {
        Path path = baseDir.toAbsolutePath().resolve(relative).normalize();
        if (Path.of(relative).isAbsolute() || !path.startsWith(root.toAbsolutePath().normalize())) {
            throw new OutsideRepository("the plan names " + relative + ", which is outside the repository ("
                    + root + "); nothing was applied; run flowctl plan -out again.");
        }
        return path;
    }

    /** A plan naming a file outside the repository: refused before anything reads or sends it. */
    public static final class OutsideRepository extends RuntimeException implements CodedError {
        OutsideRepository(String message) {
            super(message);
        }

        @Override
        public ErrorCode code() {
            return ErrorCode.PLANFILE_INVALID;
        }
    }
}
