package dev.flowctl.port;

/**
 * One thing that differs between state and the engine.
 *
 * @param what    e.g. {@code definition}, {@code source}, {@code engine settings}
 * @param applied the value state recorded
 * @param live    the value the engine reports
 */
public record DriftDifference(String what, String applied, String live) {
}
