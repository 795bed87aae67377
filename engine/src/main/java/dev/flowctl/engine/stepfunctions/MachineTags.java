package dev.flowctl.engine.stepfunctions;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.port.DeploymentRequest;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.Owner;
import dev.flowctl.engine.Ownership;
import dev.flowctl.spec.FlowVersionAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.Tag;

/**
 * flowctl's marks on a state machine: tags naming the owner (project, environment) and the flow
 * version, and hashes of what was sent, for drift. Whose a machine is comes only from these tags,
 * read from Step Functions; every update, delete and run checks them first.
 */
final class MachineTags {
    static final String TAG_PROJECT = "flowctl:project";
    /** The named environment; absent for the default one, as on machines deployed before environments were tagged. */
    static final String TAG_ENVIRONMENT = "flowctl:environment";
    static final String TAG_FLOW = "flowctl:flow";
    static final String TAG_VERSION = "flowctl:version";
    static final String TAG_HASH = "flowctl:hash";
    /** Hash of the ASL sent, so an edit made in the console shows up as drift. */
    static final String TAG_ASL = "flowctl:asl";
    /** Hash of role, log level and tracing sent, for the same reason. */
    static final String TAG_CONFIG = "flowctl:config";


    private final SfnClient sfn;

    MachineTags(SfnClient sfn) {
        this.sfn = sfn;
    }

    /** The tags of a machine, or null when there is no such machine. */
    Map<String, String> live(String arn) {
        try {
            // Asked first: an emulator may keep the tags of a deleted machine.
            sfn.describeStateMachine(d -> d.stateMachineArn(arn));
            Map<String, String> tags = new LinkedHashMap<>();
            sfn.listTagsForResource(t -> t.resourceArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
            return tags;
        } catch (StateMachineDoesNotExistException | ResourceNotFoundException gone) {
            return null;
        }
    }

    /** Whether tags mark a machine as this owner's: its project, and its environment (no tag for the default one). */
    static boolean owns(Map<String, String> tags, Owner owner) {
        return owner.project().equals(tags.get(TAG_PROJECT)) && Objects.equals(owner.environment(), tags.get(TAG_ENVIRONMENT))
                && tags.containsKey(TAG_FLOW) && tags.containsKey(TAG_VERSION);
    }

    /**
     * The refusal for a machine that is not this owner's. One deployed for a named environment before
     * flowctl tagged environments carries no environment tag, and may be shared by every environment
     * that recorded it: flowctl will not guess whose it is, and says how to claim it.
     */
    static EngineException notOwned(String verb, FlowVersionAddress a, String arn, Map<String, String> tags, Owner owner) {
        boolean legacy = owner.environment() != null && !tags.containsKey(TAG_ENVIRONMENT) && owns(tags, Owner.of(owner.project()), a);
        if (!legacy) return Ownership.notOwned(verb, a, "state machine " + arn, owner);
        return new EngineException(ErrorCode.ENGINE_NOT_OWNED, "refusing to " + verb + " state machine " + arn + " for " + a + ": it carries flowctl's marks for "
                + "project " + owner.project() + " but no environment (it was deployed before flowctl tagged environments, and other"
                + " environments may use it too); if it is " + owner.environment() + "'s alone, claim it with 'aws stepfunctions"
                + " tag-resource --resource-arn " + arn + " --tags key=" + TAG_ENVIRONMENT + ",value=" + owner.environment()
                + "', then run apply again.");
    }

    static boolean owns(Map<String, String> tags, Owner owner, FlowVersionAddress a) {
        return owns(tags, owner) && a.flow().equals(tags.get(TAG_FLOW)) && a.version().equals(tags.get(TAG_VERSION));
    }

    /**
     * Runs start only on a machine tagged as the owner's deployment of that version, as updates and
     * deletes do; the tags are read from the engine, so a machine Step Functions cannot show the
     * tags of is refused rather than trusted.
     */
    void requireOwned(String machineArn, Owner owner, FlowVersionAddress a, String verb) {
        Map<String, String> live;
        try {
            live = live(machineArn);
        } catch (SdkException e) {
            throw SfnErrors.map(e, "read the tags of state machine " + machineArn + " (runs start only on machines flowctl"
                    + " deployed for " + owner + ")", a.toString(), null);
        }
        if (live == null) {
            throw new EngineException("there is no state machine " + machineArn + " for " + a + " (" + owner
                    + "); it was deleted outside flowctl, so run apply to deploy it again.");
        }
        if (!owns(live, owner, a)) throw notOwned(verb, a, machineArn, live, owner);
    }

    /** The user's tags plus flowctl's: who owns the machine, and hashes of what was sent, for drift. */
    static Map<String, String> flowctl(DeploymentRequest r, AslDefinition asl, StepFunctionsSettings s, String configHash) {
        Map<String, String> tags = new LinkedHashMap<>(s.tags());
        tags.put(TAG_PROJECT, r.project());
        if (r.owner().environment() != null) tags.put(TAG_ENVIRONMENT, r.owner().environment());
        tags.put(TAG_FLOW, r.address().flow());
        tags.put(TAG_VERSION, r.address().version());
        tags.put(TAG_HASH, r.digest().fingerprint());
        tags.put(TAG_ASL, asl.hash());
        tags.put(TAG_CONFIG, configHash);
        return tags;
    }

    static List<Tag> sdk(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
