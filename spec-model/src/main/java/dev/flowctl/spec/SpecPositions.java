package dev.flowctl.spec;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each version, its {@code inputs:} key and each input are written in flows.yaml, kept by the
 * parser so that checks made after parsing (the flow source against its inputs) report a problem at
 * its line and column, as parse problems are. A spec built in code has none: its problems name the file.
 */
public final class SpecPositions {
    /** A 1-based line and column in flows.yaml. */
    public record Position(int line, int column) {
    }

    /** No positions: problems are reported against the file as a whole. */
    public static final SpecPositions NONE = new SpecPositions();

    private final Map<String, Position> positions = new HashMap<>();

    SpecPositions() {
    }

    void version(FlowVersionAddress a, Position p) {
        positions.put(a.toString(), p);
    }

    void inputs(FlowVersionAddress a, Position p) {
        positions.put(a + " inputs:", p);
    }

    void input(FlowVersionAddress a, String input, Position p) {
        positions.put(a + " " + input, p);
    }

    /** A problem at the key of {@code input} of version {@code a}, else at the version. */
    public SpecProblem atInput(String file, FlowVersionAddress a, String input, String message) {
        return at(file, positions.getOrDefault(a + " " + input, positions.get(a.toString())), message);
    }

    /** A problem at the {@code inputs:} key of version {@code a}, else at the version. */
    public SpecProblem atInputs(String file, FlowVersionAddress a, String message) {
        return at(file, positions.getOrDefault(a + " inputs:", positions.get(a.toString())), message);
    }

    /** A problem at the key of version {@code a}. */
    public SpecProblem atVersion(String file, FlowVersionAddress a, String message) {
        return at(file, positions.get(a.toString()), message);
    }

    private static SpecProblem at(String file, Position p, String message) {
        return p == null ? new SpecProblem(file, 0, 0, message) : new SpecProblem(file, p.line(), p.column(), message);
    }
}
