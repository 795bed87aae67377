package dev.flowctl.runtime;

/**
 * One reason an input is refused: where ({@code options.regions[2]}, {@code reviewers["alice"]},
 * empty for the input as a whole) and what is wrong, as the predicate of a sentence
 * ({@code must be one of eu, us; got "mars"}).
 */
public record InputViolation(String path, String message) {
    @Override
    public String toString() {
        return path.isEmpty() ? "the input " + message : "'" + path + "' " + message;
    }
}
