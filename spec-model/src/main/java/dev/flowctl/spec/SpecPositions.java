package dev.flowctl.spec;

import dev.flowctl.errors.ErrorCode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each flow, version, {@code inputs:} key, input, struct field and enum value is written in
 * flows.yaml, kept by the parser so that checks made after parsing (the flow source against its
 * inputs) and findings of the planner (compatibility, drift) point at a line and column, as parse
 * problems do. A spec built in code has none: its problems name the file, its findings no place.
 *
 * <p>Paths inside a version are the compatibility checker's: {@code months}, {@code window.start},
 * {@code tags[]}, {@code labels{value}}. Something that is no longer written (a removed input or
 * field) is placed at its nearest ancestor that still is; a removed version at its flow.
 */
public final class SpecPositions {
    /** A 1-based line and column in flows.yaml. */
    public record Position(int line, int column) {
    }

    /** No positions: problems are reported against the file as a whole. */
    public static final SpecPositions NONE = new SpecPositions("flows.yaml");

    /** The file this view records positions in, relative to the repository root, as {@link SourcePosition#file()} names it. */
    private final String file;
    /** Shared by the root file's positions and every included file's view of them. */
    private final Map<String, SourcePosition> positions;
    /** How problems name each included file (as the user would type it), by its repository-relative name. */
    private final Map<String, String> shownAs;

    SpecPositions(String file) {
        this(file, new HashMap<>(), new HashMap<>());
    }

    private SpecPositions(String file, Map<String, SourcePosition> positions, Map<String, String> shownAs) {
        this.file = file;
        this.positions = positions;
        this.shownAs = shownAs;
    }

    /**
     * A view that records positions in the included file {@code file} (repository-relative) into the
     * same table, so every later problem and finding keeps the file it came from; {@code shown} is how
     * problems name it.
     */
    SpecPositions included(String file, String shown) {
        shownAs.put(file, shown);
        return new SpecPositions(file, positions, shownAs);
    }

    /**
     * {@code file} relative to {@code root} with {@code /} separators; the file name alone when it is
     * not inside {@code root}.
     */
    public static String relative(Path file, Path root) {
        Path f = file.toAbsolutePath().normalize();
        Path r = root.toAbsolutePath().normalize();
        Path rel = f.startsWith(r) ? r.relativize(f) : f.getFileName();
        return rel.toString().replace('\\', '/');
    }

    /** {@code file} relative to its repository root (the nearest ancestor holding {@code .git}, else its directory). */
    public static String repositoryFile(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return relative(absolute, SpecParser.repositoryRoot(absolute.getParent()));
    }

    void flow(String flow, Position p) {
        positions.put(flow, here(p));
    }

    void version(FlowVersionAddress a, Position p) {
        positions.put(a.toString(), here(p));
    }

    void inputs(FlowVersionAddress a, Position p) {
        positions.put(a + " inputs:", here(p));
    }

    /** An input or struct field, by its dotted path ({@code window.start}). */
    void input(FlowVersionAddress a, String path, Position p) {
        positions.put(a + " " + path, here(p));
    }

    void enumValue(FlowVersionAddress a, String path, String value, Position p) {
        positions.put(a + " " + path + " = " + value, here(p));
    }

    private SourcePosition here(Position p) {
        return new SourcePosition(file, p.line(), p.column());
    }

    /** The flow's key, or null when the flow is not written (any more). */
    public SourcePosition ofFlow(String flow) {
        return positions.get(flow);
    }

    /** The version's key, else its flow's, else null. */
    public SourcePosition of(FlowVersionAddress a) {
        SourcePosition p = positions.get(a.toString());
        return p != null ? p : ofFlow(a.flow());
    }

    /**
     * The input, field, list element or map value at {@code path} in version {@code a}; else its nearest
     * written ancestor, the {@code inputs:} key, the version or the flow; null when none is written.
     */
    public SourcePosition of(FlowVersionAddress a, String path) {
        // Elements, keys and values have no key of their own: they are written on their container.
        String p = path.replace("[]", "").replace("{key}", "").replace("{value}", "");
        while (!p.isEmpty()) {
            SourcePosition found = positions.get(a + " " + p);
            if (found != null) return found;
            int dot = p.lastIndexOf('.');
            p = dot < 0 ? "" : p.substring(0, dot);
        }
        SourcePosition inputs = positions.get(a + " inputs:");
        return inputs != null ? inputs : of(a);
    }

    /** The enum value {@code value} of the input at {@code path}, else as {@link #of(FlowVersionAddress, String)}. */
    public SourcePosition ofEnumValue(FlowVersionAddress a, String path, String value) {
        SourcePosition p = positions.get(a + " " + path.replace("[]", "").replace("{key}", "").replace("{value}", "") + " = " + value);
        return p != null ? p : of(a, path);
    }

    /** A problem at the key of {@code input} of version {@code a}, else at the version. */
    public SpecProblem atInput(String file, FlowVersionAddress a, String input, ErrorCode code, String message) {
        return at(file, positions.getOrDefault(a + " " + input, positions.get(a.toString())), code, message);
    }

    /** A problem at the {@code inputs:} key of version {@code a}, else at the version. */
    public SpecProblem atInputs(String file, FlowVersionAddress a, ErrorCode code, String message) {
        return at(file, positions.getOrDefault(a + " inputs:", positions.get(a.toString())), code, message);
    }

    /** A problem at the key of version {@code a}. */
    public SpecProblem atVersion(String file, FlowVersionAddress a, ErrorCode code, String message) {
        return at(file, positions.get(a.toString()), code, message);
    }

    /** Where {@code node} starts, for entries (such as {@code moved:}) the planner reports on. */
    SourcePosition at(org.yaml.snakeyaml.nodes.Node node) {
        var mark = node.getStartMark();
        return mark == null ? null : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /**
     * A problem at {@code p}: in {@code file} (the root flows.yaml as the caller names it) when {@code p}
     * is written there, else in the included file that holds it.
     */
    private SpecProblem at(String file, SourcePosition p, ErrorCode code, String message) {
        if (p == null) return new SpecProblem(file, 0, 0, message, code);
        String in = shownAs.getOrDefault(p.file(), file);
        return new SpecProblem(in, p.line(), p.column(), message, code);
    }
}
