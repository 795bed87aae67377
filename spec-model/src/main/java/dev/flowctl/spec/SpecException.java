package dev.flowctl.spec;

import dev.flowctl.errors.CodedError;
import dev.flowctl.errors.ErrorCode;

import java.util.List;
import java.util.stream.Collectors;

/** flows.yaml could not be read into a valid {@link Spec}; carries every problem found. */
public class SpecException extends RuntimeException implements CodedError {
    private final List<SpecProblem> problems;
    private final ErrorCode code;

    public SpecException(List<SpecProblem> problems) {
        this(ErrorCode.SPEC_INVALID, problems);
    }

    /** Problems of one kind other than "not valid", e.g. a missing file ({@link ErrorCode#SPEC_NOT_FOUND}). */
    public SpecException(ErrorCode code, List<SpecProblem> problems) {
        super(problems.stream().map(SpecProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
        this.code = code;
    }

    @Override
    public ErrorCode code() {
        return code;
    }

    public List<SpecProblem> problems() {
        return problems;
    }
}
