package dev.flowctl.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the catalog shows, built from the spec, each environment's state and an optional plan:
 * the pages read only this, so every fact on them is tested here rather than in HTML.
 */
public final class CatalogModel {
    private CatalogModel() {
    }

    /** The whole catalog of one project. */
    public record Catalog(String project, String compatibility, Instant generatedAt, List<EnvironmentStatus> environments,
                          List<Flow> flows, PlanSummary plan) {
    }

    /**
     * One environment's state as the catalog read it.
     *
     * @param problem why its state could not be read (null when it was); its flows then show no live versions there
     * @param serial  the state's serial; 0 when nothing was applied yet
     */
    public record EnvironmentStatus(String name, String location, String problem, long serial, int deployed) {
        public boolean readable() {
            return problem == null;
        }
    }

    /**
     * One flow: its versions in version order, the flow's history across environments, and the last
     * plan's findings for it.
     */
    public record Flow(String name, String owner, String description, String compatibility, List<Version> versions,
                       List<TimelineEvent> timeline, List<PlanFinding> findings) {
        /** The versions live in {@code environment}, in version order. */
        public List<String> liveIn(String environment) {
            return versions.stream().filter(v -> v.deployments().stream().anyMatch(d -> d.environment().equals(environment)))
                    .map(Version::name).toList();
        }
    }

    /**
     * One version of a flow, declared in flows.yaml, deployed in some environment, or both.
     *
     * @param inSpec    false for a version only some state still records (it is being deleted)
     * @param changes   what differs from the version before it, one line each; empty for the first
     * @param example   an input that passes the version's own check, as canonical JSON; null when none could be made
     * @param exampleProblem why there is no example (null when there is)
     * @param calls     how to call it; null for a version not in flows.yaml (no contract is generated for it)
     * @param deprecation its {@code deprecated:} block in words; null when it is not deprecated
     */
    public record Version(String flow, String name, boolean inSpec, List<InputRow> inputs, List<String> changes,
                          List<Deployment> deployments, String example, String exampleProblem, Calls calls, String deprecation) {
        public String address() {
            return flow + "@" + name;
        }
    }

    /**
     * One input, or one field of a struct input ({@code depth} > 0, {@code path} dotted).
     *
     * @param defaultValue the default as JSON text; null when there is none
     * @param constraints  enum values, pattern, bounds, in words; empty when none
     */
    public record InputRow(String path, int depth, String type, boolean required, String defaultValue, String constraints,
                           String description) {
    }

    /** Where a version is deployed: the engine's reference and, for a cloud engine, a console link. */
    public record Deployment(String environment, String engineType, String engineRef, Instant deployedAt, String consoleUrl) {
    }

    /** A version was created, updated or deleted in an environment at a time. */
    public record TimelineEvent(String environment, String version, Kind kind, Instant at) {
        /** DEPLOYED: seen deployed at the start of a record that does not reach back to the first apply (created or updated then). */
        public enum Kind { CREATED, UPDATED, DELETED, DEPLOYED }
    }

    /** Ready-to-run calls of one version through {@code flowctl serve}: grpcurl, Java, Python, and the CLI. */
    public record Calls(String service, String grpcurl, String java, String python, String cli) {
    }

    /** What the plan given with --plan says about one version. */
    public record PlanFinding(String version, String action, boolean blocked, List<String> messages) {
    }

    /** The plan given with --plan: its environment and one-line summary. */
    public record PlanSummary(String environment, String summary, boolean blocked, Map<String, PlanFinding> byAddress) {
    }
}
