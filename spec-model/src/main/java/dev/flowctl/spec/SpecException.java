package dev.flowctl.spec;

import java.util.List;
import java.util.stream.Collectors;

/** flows.yaml could not be read into a valid {@link Spec}; carries every problem found. */
public class SpecException extends RuntimeException {
    private final List<SpecProblem> problems;

    public SpecException(List<SpecProblem> problems) {
        super(problems.stream().map(SpecProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<SpecProblem> problems() {
        return problems;
    }
}
