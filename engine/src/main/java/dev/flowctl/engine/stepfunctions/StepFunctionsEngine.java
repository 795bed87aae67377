package dev.flowctl.engine.stepfunctions;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.port.Deployment;
import dev.flowctl.port.DeploymentRequest;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.LiveFlowVersion;
import dev.flowctl.port.Owner;
import dev.flowctl.engine.DeploymentNames;
import dev.flowctl.engine.EngineSettings;
import dev.flowctl.engine.Ownership;
import dev.flowctl.port.LiveAttributes;
import dev.flowctl.port.RunInfo;
import dev.flowctl.port.RunRef;
import dev.flowctl.port.RunRequest;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.SfnClientBuilder;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.UpdateStateMachineResponse;

/**
 * One Step Functions state machine per flow version, tagged {@code flowctl:project/environment/flow/version/hash}
 * and named per environment ({@code names:}). Only machines tagged as the owner's are updated or
 * deleted; a create over any existing machine is refused.
 * Every deployment is published as an immutable Step Functions version described by its source
 * hash, and an alias ({@code live} by default) is moved to it; delete removes the machine, which
 * takes its versions and aliases with it. Runs are executions, started on the alias by default
 * (see {@link StepFunctionsRuns}).
 */
public final class StepFunctionsEngine implements FlowEngine {
    /** Step Functions' limit on state machine names. */
    public static final int NAME_LIMIT = 80;
    private static final Duration MAX_CONNECT = Duration.ofSeconds(10);
    /** The standard retry mode makes up to 3 attempts; a whole call may take about that many timeouts. */
    private static final int CALL_ATTEMPTS = 3;

    private final SfnClient sfn;
    private final boolean ownsClient;
    private final String names;
    private final Map<String, String> arnsByName = new ConcurrentHashMap<>();
    private volatile boolean namesLoaded;
    private final MachineTags marks;
    private final StepFunctionsRuns runs;

    /** An engine on a client its caller keeps (and closes), with the default names. */
    public StepFunctionsEngine(SfnClient sfn) {
        this(sfn, DeploymentNames.DEFAULT_PATTERN, false);
    }

    /**
     * @param names      the {@code names:} pattern of state machine names
     * @param ownsClient whether {@link #close()} closes the client
     */
    public StepFunctionsEngine(SfnClient sfn, String names, boolean ownsClient) {
        this.sfn = sfn;
        this.names = DeploymentNames.checkPattern(names, "engine");
        this.ownsClient = ownsClient;
        this.marks = new MachineTags(sfn);
        this.runs = new StepFunctionsRuns(sfn, marks::requireOwned);
    }

    /**
     * A client from the engine settings: region, endpoint, profile, timeout (per request: an
     * endpoint that accepts and never answers is given up, default 30 s); the SDK's standard retries.
     */
    public static StepFunctionsEngine create(Settings settings) {
        Duration timeout = StepFunctionsSettings.requestTimeout(settings);
        Duration connect = timeout.compareTo(MAX_CONNECT) < 0 ? timeout : MAX_CONNECT;
        SfnClientBuilder b = SfnClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(connect).socketTimeout(timeout))
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).apiCallAttemptTimeout(timeout)
                        .apiCallTimeout(timeout.multipliedBy(CALL_ATTEMPTS)));
        settings.string("region").ifPresent(r -> b.region(Region.of(r)));
        settings.string("endpoint").ifPresent(e -> b.endpointOverride(URI.create(e)));
        settings.string("profile").ifPresent(p -> b.credentialsProvider(ProfileCredentialsProvider.create(p)));
        String names = EngineSettings.names(settings, "engine");
        try {
            return new StepFunctionsEngine(b.build(), names, true);
        } catch (SdkException e) {
            throw new EngineException("cannot set up the Step Functions client (" + e.getMessage()
                    + "); set region: in the engine: block or AWS_REGION in the environment.", e);
        }
    }

    @Override
    public String type() {
        return StepFunctionsSettings.TYPE;
    }

    /** The state machine name of a flow version: legal characters, at most 80 of them. */
    public String stateMachineName(Owner owner, FlowVersionAddress address) {
        return DeploymentNames.of(names, owner, address, NAME_LIMIT);
    }

    @Override
    public Deployment deploy(DeploymentRequest r) {
        FlowVersionAddress a = r.address();
        String where = a + (r.definition() == null ? "" : " (" + r.definition() + ")");
        StepFunctionsSettings s = StepFunctionsSettings.of(r.settings());
        AslDefinition asl = AslDefinition.read(r.definition(), r.definitionContent(), a.toString());
        String name = stateMachineName(r.owner(), a);
        Map<String, String> tags = MachineTags.flowctl(r, asl, s, s.configHash());
        String description = "flowctl " + a + " source " + r.digest().sourceHash();
        // An adopted machine keeps its own name: state's reference finds it. A create looks by name only.
        String arn = r.update() && r.currentRef() != null && r.currentRef().startsWith("arn:") ? r.currentRef() : arnOf(name);
        String versionArn;
        try {
            Map<String, String> live = arn == null ? null : marks.live(arn);
            if (!r.update() && live != null) {
                throw Ownership.existsOnCreate(a, "state machine " + name, arn, MachineTags.owns(live, r.owner(), a), r.owner());
            }
            if (live == null) {
                // A create, or an update of a machine deleted outside flowctl: apply deploys it again.
                arnsByName.remove(name);
                CreateStateMachineResponse created = createOwn(a, r.owner(), name, asl, s, description, tags);
                arn = created.stateMachineArn();
                versionArn = created.stateMachineVersionArn();
            } else {
                if (!MachineTags.owns(live, r.owner(), a)) throw MachineTags.notOwned("update", a, arn, live, r.owner());
                versionArn = update(arn, asl, s, description, tags);
            }
            if (s.alias() != null && versionArn != null) moveAlias(arn, s.alias(), versionArn);
            return new Deployment(arn);
        } catch (SdkException e) {
            throw SfnErrors.map(e, (arn == null ? "create" : "update") + " state machine " + name, where, s.roleArn());
        }
    }

    /**
     * Creates a machine and makes sure it is the one just created: CreateStateMachine is
     * idempotent, so for a machine made by hand with the same definition it returns that machine
     * (ignoring the tags sent) instead of failing. Its tags tell the two apart.
     */
    private CreateStateMachineResponse createOwn(FlowVersionAddress a, Owner owner, String name, AslDefinition asl,
                                                 StepFunctionsSettings s, String description, Map<String, String> tags) {
        CreateStateMachineResponse created;
        try {
            created = create(name, asl, s, description, tags);
        } catch (StateMachineAlreadyExistsException exists) {
            namesLoaded = false;
            String existing = arnOf(name);
            Map<String, String> live = existing == null ? null : marks.live(existing);
            throw Ownership.existsOnCreate(a, "state machine " + name, existing == null ? name : existing,
                    live != null && MachineTags.owns(live, owner, a), owner);
        }
        Map<String, String> live = marks.live(created.stateMachineArn());
        if (live == null || !MachineTags.owns(live, owner, a) || !Objects.equals(live.get(MachineTags.TAG_HASH), tags.get(MachineTags.TAG_HASH))) {
            arnsByName.put(name, created.stateMachineArn());
            throw Ownership.existsOnCreate(a, "state machine " + name, created.stateMachineArn(),
                    live != null && MachineTags.owns(live, owner, a), owner);
        }
        return created;
    }

    private CreateStateMachineResponse create(String name, AslDefinition asl, StepFunctionsSettings s, String description,
                                              Map<String, String> tags) {
        CreateStateMachineResponse created = sfn.createStateMachine(c -> c.name(name).definition(asl.json())
                .roleArn(s.roleArn()).type(StateMachineType.STANDARD).loggingConfiguration(s.logging())
                .tracingConfiguration(s.tracing()).tags(MachineTags.sdk(tags)).publish(s.publish() ? true : null)
                .versionDescription(s.publish() ? description : null));
        arnsByName.put(name, created.stateMachineArn());
        return created;
    }

    /**
     * Adopts a machine deployed by hand (e.g. by Metaflow): its definition and role must be the
     * ones flows.yaml declares; then it gets flowctl's tags so drift and later applies see it.
     */
    @Override
    public Deployment adopt(DeploymentRequest desired, String engineRef) {
        FlowVersionAddress a = desired.address();
        StepFunctionsSettings s = StepFunctionsSettings.of(desired.settings());
        AslDefinition asl = AslDefinition.read(desired.definition(), desired.definitionContent(), a.toString());
        try {
            DescribeStateMachineResponse live;
            try {
                live = sfn.describeStateMachine(d -> d.stateMachineArn(engineRef));
            } catch (StateMachineDoesNotExistException | ResourceNotFoundException missing) {
                throw new EngineException(ErrorCode.ENGINE_IMPORT_MISMATCH, "there is no state machine " + engineRef + "; check the ARN (flowctl drift lists unmanaged ones).");
            }
            Map<String, String> current = marks.live(engineRef);
            if (current != null && current.containsKey(MachineTags.TAG_PROJECT) && !MachineTags.owns(current, desired.owner())) {
                throw new EngineException(ErrorCode.ENGINE_IMPORT_MISMATCH, engineRef + " is managed by flowctl for project " + current.get(MachineTags.TAG_PROJECT)
                        + (current.containsKey(MachineTags.TAG_ENVIRONMENT) ? ", environment " + current.get(MachineTags.TAG_ENVIRONMENT) : "")
                        + ", not for " + desired.owner() + "; import it there, or deploy " + a + " here with apply.");
            }
            List<String> differs = new ArrayList<>();
            if (!AslDefinition.canonicalHash(live.definition()).equals(asl.hash())) {
                differs.add("its definition is not " + desired.definition());
            }
            if (!s.roleArn().equals(live.roleArn())) differs.add("its role is " + live.roleArn() + ", not " + s.roleArn());
            if (!differs.isEmpty()) {
                throw new EngineException(ErrorCode.ENGINE_IMPORT_MISMATCH, engineRef + " does not match " + a + " in flows.yaml: " + String.join("; ", differs)
                        + "; deploy it with apply instead of importing it.");
            }
            Map<String, String> tags = MachineTags.flowctl(desired, asl, s,
                    StepFunctionsSettings.configHash(live.roleArn(), live.loggingConfiguration(), live.tracingConfiguration()));
            sfn.tagResource(t -> t.resourceArn(engineRef).tags(MachineTags.sdk(tags)));
            return new Deployment(engineRef);
        } catch (SdkException e) {
            throw SfnErrors.map(e, "import state machine " + engineRef, a.toString(), s.roleArn());
        }
    }

    /** Updates definition and settings, then the tags, so flowctl:hash always names what is deployed. */
    private String update(String arn, AslDefinition asl, StepFunctionsSettings s, String description, Map<String, String> tags) {
        UpdateStateMachineResponse updated = sfn.updateStateMachine(u -> u.stateMachineArn(arn).definition(asl.json())
                .roleArn(s.roleArn()).loggingConfiguration(s.logging()).tracingConfiguration(s.tracing())
                .publish(s.publish() ? true : null).versionDescription(s.publish() ? description : null));
        sfn.tagResource(t -> t.resourceArn(arn).tags(MachineTags.sdk(tags)));
        return updated.stateMachineVersionArn();
    }

    private void moveAlias(String machineArn, String alias, String versionArn) {
        RoutingConfigurationListItem route = RoutingConfigurationListItem.builder().stateMachineVersionArn(versionArn).weight(100).build();
        String aliasArn = machineArn + ":" + alias;
        try {
            sfn.describeStateMachineAlias(d -> d.stateMachineAliasArn(aliasArn));
        } catch (ResourceNotFoundException missing) {
            sfn.createStateMachineAlias(c -> c.name(alias).routingConfiguration(route)
                    .description("the version flowctl deployed last"));
            return;
        }
        sfn.updateStateMachineAlias(u -> u.stateMachineAliasArn(aliasArn).routingConfiguration(route));
    }

    @Override
    public void delete(Owner owner, FlowVersionAddress address, String engineRef) {
        String name = stateMachineName(owner, address);
        String arn = engineRef != null && engineRef.startsWith("arn:") ? engineRef : arnOf(name);
        if (arn == null) return;
        try {
            Map<String, String> live = marks.live(arn);
            if (live != null) {
                if (!MachineTags.owns(live, owner, address)) throw MachineTags.notOwned("delete", address, arn, live, owner);
                // Step Functions deletes the machine's versions and aliases with it.
                sfn.deleteStateMachine(d -> d.stateMachineArn(arn));
            }
            arnsByName.remove(name);
        } catch (StateMachineDoesNotExistException gone) {
            arnsByName.remove(name);
        } catch (SdkException e) {
            throw SfnErrors.map(e, "delete state machine " + name, address.toString(), "(unchanged)");
        }
    }

    /** Every state machine tagged as this owner's (project, and environment), with hashes for drift. */
    @Override
    public List<LiveFlowVersion> list(Owner owner) {
        List<LiveFlowVersion> live = new ArrayList<>();
        try {
            for (StateMachineListItem m : allMachines()) {
                Map<String, String> tags = new LinkedHashMap<>();
                try {
                    sfn.listTagsForResource(t -> t.resourceArn(m.stateMachineArn())).tags().forEach(t -> tags.put(t.key(), t.value()));
                } catch (ResourceNotFoundException | StateMachineDoesNotExistException gone) {
                    continue;
                }
                if (!MachineTags.owns(tags, owner)) continue;
                live.add(describe(m.stateMachineArn(), tags));
            }
        } catch (SdkException e) {
            throw SfnErrors.map(e, "list state machines", owner.describe(), "(unchanged)");
        }
        return live;
    }

    /** Starts an execution on the version's alias, latest published version or machine ({@code runOn:}); see {@link StepFunctionsRuns}. */
    @Override
    public RunRef start(RunRequest request) {
        return runs.start(request);
    }

    /** The run id is the execution ARN. */
    @Override
    public RunInfo describe(Owner owner, RunRef run) {
        return runs.describe(owner, run);
    }

    @Override
    public void cancel(Owner owner, RunRef run) {
        runs.cancel(owner, run);
    }

    @Override
    public List<RunInfo> runs(Owner owner, FlowVersionAddress address, String engineRef, int limit) {
        return runs.runs(owner, address, engineRef, limit);
    }

    /** Closes the client this engine made from the settings; one handed in is its owner's to close. */
    @Override
    public void close() {
        if (ownsClient) sfn.close();
    }

    private LiveFlowVersion describe(String arn, Map<String, String> tags) {
        DescribeStateMachineResponse d = sfn.describeStateMachine(x -> x.stateMachineArn(arn));
        Map<String, String> edited = new LinkedHashMap<>();
        String liveAsl = AslDefinition.canonicalHash(d.definition());
        if (tags.containsKey(MachineTags.TAG_ASL) && !tags.get(MachineTags.TAG_ASL).equals(liveAsl)) {
            edited.put("definition",
                    liveAsl + " (flowctl deployed " + tags.get(MachineTags.TAG_ASL) + ")");
        }
        String liveConfig = StepFunctionsSettings.configHash(d.roleArn(), d.loggingConfiguration(), d.tracingConfiguration());
        if (tags.containsKey(MachineTags.TAG_CONFIG) && !tags.get(MachineTags.TAG_CONFIG).equals(liveConfig)) {
            edited.put("role, logging or tracing", "role " + d.roleArn() + ", logging "
                    + (d.loggingConfiguration() == null ? "OFF" : d.loggingConfiguration().levelAsString()) + ", tracing "
                    + (d.tracingConfiguration() != null && Boolean.TRUE.equals(d.tracingConfiguration().enabled())));
        }
        return new LiveFlowVersion(new FlowVersionAddress(tags.get(MachineTags.TAG_FLOW), tags.get(MachineTags.TAG_VERSION)), arn,
                new LiveAttributes(null, null, null, tags.get(MachineTags.TAG_HASH), edited));
    }

    private List<StateMachineListItem> allMachines() {
        List<StateMachineListItem> all = new ArrayList<>();
        sfn.listStateMachinesPaginator(l -> l.maxResults(1000)).stateMachines().forEach(all::add);
        return all;
    }

    /** The ARN of a machine by name, from one listing per engine (names are unique per account and region). */
    private String arnOf(String name) {
        String known = arnsByName.get(name);
        if (known != null || namesLoaded) return known;
        synchronized (this) {
            if (!namesLoaded) {
                allMachines().forEach(m -> arnsByName.put(m.name(), m.stateMachineArn()));
                namesLoaded = true;
            }
        }
        return arnsByName.get(name);
    }


}
