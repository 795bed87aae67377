package dev.flowctl.runtime;

import dev.flowctl.errors.CodedError;
import dev.flowctl.errors.ErrorCode;

import java.util.List;
import java.util.stream.Collectors;

/** An input refused by its flow version's schema, with every violation found (not only the first). */
public class InvalidInputException extends IllegalArgumentException implements CodedError {
    private static final long serialVersionUID = 1L;

    private final transient List<InputViolation> violations;

    public InvalidInputException(List<InputViolation> violations) {
        super(sentence(violations));
        this.violations = List.copyOf(violations);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.RUN_INPUT_REFUSED;
    }

    /** The violations in the order of the schema's inputs, then of list and map elements. */
    public List<InputViolation> violations() {
        return violations;
    }

    private static String sentence(List<InputViolation> violations) {
        return "input refused: " + violations.stream().map(InputViolation::toString).collect(Collectors.joining("; ")) + ".";
    }
}
