package dev.flowctl.plan;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.json.CanonicalJson;
import dev.flowctl.spec.SchemaJson;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.VersionSpec;
import dev.flowctl.state.DeployedVersion;
import dev.flowctl.state.StateDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A plan that makes one environment run what another runs ({@code plan -e prod --from stage}): the
 * desired state is the source environment's applied state, not flows.yaml. flows.yaml still locates
 * the files and gives each version's inputs, so a promoted version must be one flows.yaml declares and
 * its files and schema must be exactly what the source environment recorded; the target's own engine
 * settings apply. The result is an ordinary plan against the target's state (compatibility checked
 * there), keeping only the changes that match the source: versions it runs are created or updated,
 * versions it deleted are deleted, and everything else in the target is left alone.
 *
 * @param plan    the plan to render, save and apply as any other
 * @param skipped one sentence per version the source runs that is not promoted, and why
 */
public record Promotion(Plan plan, List<String> skipped) {
    public Promotion {
        skipped = List.copyOf(skipped);
    }

    /**
     * @param source      the applied state of the source environment (null: it has applied nothing)
     * @param sourceName  its name, for messages
     * @param target      the applied state of the target environment (null: nothing applied yet)
     */
    public static Promotion of(Planner planner, Spec spec, String environment, StateDocument target, StateDocument source, String sourceName) {
        Map<String, DeployedVersion> runs = source == null ? Map.of() : source.versions();
        Map<String, ?> deleted = source == null ? Map.of() : source.tombstones();
        List<String> skipped = new ArrayList<>();
        runs.forEach((address, d) -> {
            if (spec.versions().stream().noneMatch(v -> v.address().toString().equals(address))) {
                skipped.add(address + " runs in " + sourceName + " but flows.yaml no longer declares it, so it is not promoted");
            }
        });
        Plan full = planner.plan(spec, environment, target);
        List<PlannedChange> kept = new ArrayList<>();
        for (PlannedChange c : full.changes()) {
            String address = c.address().toString();
            DeployedVersion ran = runs.get(address);
            if (ran != null && c.action() != Action.DELETE) {
                requireAsRecorded(spec, c, ran, sourceName);
                kept.add(c);
            } else if (c.action() == Action.DELETE && deleted.containsKey(address)) {
                kept.add(c);
            }
        }
        return new Promotion(new Plan(full.formatVersion(), full.project(), full.environment(), full.lineage(), full.serial(), kept), skipped);
    }

    /** The working copy must hold what the source runs: a promotion deploys the files the source was applied from. */
    private static void requireAsRecorded(Spec spec, PlannedChange c, DeployedVersion ran, String sourceName) {
        VersionSpec v = spec.flows().get(c.address().flow()).versions().get(c.address().version());
        VersionDigest digest = c.digest();
        String fix = "; check out the commit " + sourceName + " was applied from, then plan again.";
        if (digest != null && !digest.sourceHash().equals(ran.sourceHash())) {
            throw new PromotionException(sourceName + " runs " + c.address() + " with source " + ran.sourceHash() + ", but the working copy's "
                    + v.source() + " is " + digest.sourceHash() + fix);
        }
        if (digest != null && !java.util.Objects.equals(digest.definitionHash(), ran.definitionHash())) {
            throw new PromotionException(sourceName + " runs " + c.address() + " with definition " + ran.definitionHash() + ", but the working"
                    + " copy's " + v.definition() + " is " + digest.definitionHash() + fix);
        }
        if (!CanonicalJson.of(SchemaJson.toJson(v.inputs())).equals(ran.schema())) {
            throw new PromotionException(sourceName + " runs " + c.address() + " with other inputs than flows.yaml declares for it" + fix);
        }
    }

    /** The working copy does not hold what the source environment runs. */
    public static final class PromotionException extends RuntimeException implements dev.flowctl.errors.CodedError {
        PromotionException(String message) {
            super(message);
        }

        @Override
        public ErrorCode code() {
            return ErrorCode.PROMOTION_MISMATCH;
        }
    }
}
