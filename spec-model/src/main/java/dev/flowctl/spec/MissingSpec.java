package dev.flowctl.spec;

import dev.flowctl.errors.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The problem reported when the flows.yaml to read is not there (or is a directory): where it was
 * looked for, as an absolute path, and the flows.yaml files nearby that were probably meant — in the
 * directories above, up to the repository root, and one level below.
 */
final class MissingSpec {
    private static final String NAME = "flows.yaml";

    private MissingSpec() {
    }

    static SpecProblem problem(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            Path inside = absolute.resolve(NAME);
            String hint = Files.isRegularFile(inside)
                    ? "run with -f " + inside + "."
                    : suggest(nearby(absolute));
            return new SpecProblem(absolute.toString(), 0, 0, "is a directory, not a flows.yaml; " + hint, ErrorCode.SPEC_NOT_FOUND);
        }
        Path dir = absolute.getParent();
        return new SpecProblem(absolute.toString(), 0, 0, "no such file; " + suggest(dir == null ? List.of() : nearby(dir)), ErrorCode.SPEC_NOT_FOUND);
    }

    private static String suggest(List<Path> found) {
        if (found.isEmpty()) return "create it, or point -f/--file at your flows.yaml.";
        List<String> options = found.stream().map(f -> "-f " + f).toList();
        return "found " + (found.size() == 1 ? "one nearby" : found.size() + " nearby") + ": run with "
                + String.join(" or ", options) + ".";
    }

    /** flows.yaml files in the parent directories (up to the git root) and in the direct subdirectories of {@code dir}. */
    static List<Path> nearby(Path dir) {
        List<Path> found = new ArrayList<>();
        // Upwards: the nearest flows.yaml, not beyond the repository root (the directory holding .git).
        for (Path cur = dir; !Files.exists(cur.resolve(".git")) && cur.getParent() != null; ) {
            cur = cur.getParent();
            if (Files.isRegularFile(cur.resolve(NAME))) {
                found.add(cur.resolve(NAME));
                break;
            }
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                children.filter(Files::isDirectory).map(d -> d.resolve(NAME)).filter(Files::isRegularFile).sorted()
                        .limit(5).forEach(found::add);
            } catch (IOException ignored) {
                // an unreadable directory just suggests nothing
            }
        }
        return found;
    }
}
