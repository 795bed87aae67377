package dev.flowctl.cli;

import dev.flowctl.errors.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flowctl.files.AtomicFile;
import dev.flowctl.plan.ContentHasher;
import dev.flowctl.plan.Plan;
import dev.flowctl.spec.Spec;
import dev.flowctl.state.StateCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A plan saved by {@code plan -out FILE} for a later {@code apply FILE}: the plan (which carries the
 * state lineage and serial it was made against, and what each action deploys), the flows.yaml it
 * came from and that file's hash. Apply refuses it when state, flows.yaml or a deployed file changed
 * since. The file format is {@link PlanFileFormat}'s, documented in docs/planfile.md.
 *
 * @param specFile the flows.yaml as it was named on the command line
 * @param specHash SHA-256 of that file's bytes, and of the files it includes ({@link #specHash})
 */
record SavedPlan(int formatVersion, String kind, String toolVersion, Instant createdAt, String specFile,
                 String specHash, Plan plan) {
    static final int FORMAT_VERSION = PlanFileFormat.VERSION;
    static final String KIND = PlanFileFormat.KIND;

    static SavedPlan of(Plan plan, Spec spec) {
        return new SavedPlan(FORMAT_VERSION, KIND, FlowctlVersion.get(), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                spec.file().toString(), specHash(spec), plan);
    }

    /**
     * The hash of the root flows.yaml's bytes; for a spec split with {@code include:}, the hash of that
     * and of each included file's name and hash, so a change in any team's file makes a saved plan stale.
     */
    static String specHash(Spec spec) {
        String root;
        try {
            root = ContentHasher.hash(Files.readAllBytes(spec.file()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + spec.file() + ": " + e.getMessage(), e);
        }
        if (spec.includes().isEmpty()) return root;
        return ContentHasher.hash(spec.includes().appendedTo(root).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Writes atomically, so a reader never sees half a plan. */
    void write(Path file) {
        Path target = file.toAbsolutePath();
        try {
            if (target.getParent() != null) Files.createDirectories(target.getParent());
            AtomicFile.write(target, PlanFileFormat.write(this));
        } catch (IOException e) {
            throw new UserError(ErrorCode.PLANFILE_WRITE_REFUSED, "cannot write the plan to " + file + " (" + e.getMessage() + "); check the path and permissions.");
        }
    }

    static SavedPlan read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError(ErrorCode.PLANFILE_MISSING, "no saved plan at " + file + "; make one with 'flowctl plan -out " + file + "'.");
        } catch (IOException e) {
            throw new UserError(ErrorCode.PLANFILE_INVALID, "cannot read the saved plan " + file + " (" + e.getMessage() + ").");
        }
        JsonNode tree = planTree(bytes);
        if (tree == null) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                throw new UserError(ErrorCode.PLANFILE_INVALID, file + " is not a saved plan but a spec; to apply it, run 'flowctl apply -f " + file + "'.");
            }
            throw new UserError(ErrorCode.PLANFILE_INVALID, file + " is not a saved flowctl plan; save one to a new file with 'flowctl plan -out plan.flowplan',"
                    + " then run 'flowctl apply plan.flowplan'.");
        }
        int format = tree.path("formatVersion").asInt();
        if (format > FORMAT_VERSION) {
            throw new UserError(ErrorCode.PLANFILE_INVALID, file + " was saved by a newer flowctl (" + tree.path("toolVersion").asText("unknown")
                    + "); apply it with that version, or run plan again with this one.");
        }
        try {
            return PlanFileReader.read(tree);
        } catch (PlanFileFormat.Unreadable e) {
            throw new UserError(ErrorCode.PLANFILE_INVALID, "the saved plan " + file + " " + e.getMessage()
                    + (e.getMessage().endsWith(".") ? "" : "; run flowctl plan -out again."));
        }
    }

    /** The parsed file when it is a saved plan (of any format version), else null. */
    private static JsonNode planTree(byte[] bytes) {
        try {
            JsonNode tree = StateCodec.JSON.readTree(bytes);
            return PlanFileReader.sameKind(tree) ? tree : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Refuses to write a plan over a file flowctl did not write as a plan: the spec it was made from
     * (however its path is spelled: real paths are compared), a directory, or any other existing file.
     */
    static void requireWritable(Path target, Path specFile) {
        if (!Files.exists(target)) return;
        try {
            if (Files.exists(specFile) && Files.isSameFile(target, specFile)) {
                throw new UserError(ErrorCode.PLANFILE_WRITE_REFUSED, "refusing to write the plan to " + target + ": it is the spec the plan is made from;"
                        + " name another file, e.g. -out plan.flowplan.");
            }
            if (!Files.isRegularFile(target) || planTree(Files.readAllBytes(target)) == null) {
                throw new UserError(ErrorCode.PLANFILE_WRITE_REFUSED, "refusing to write the plan to " + target + ": it exists and is not a saved flowctl plan;"
                        + " name another file, e.g. -out plan.flowplan, or remove it first.");
            }
        } catch (IOException e) {
            throw new UserError(ErrorCode.PLANFILE_WRITE_REFUSED, "cannot check " + target + " before writing the plan to it (" + e.getMessage() + ").");
        }
    }

}
