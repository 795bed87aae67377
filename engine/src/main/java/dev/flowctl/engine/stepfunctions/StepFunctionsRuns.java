package dev.flowctl.engine.stepfunctions;

import dev.flowctl.errors.ErrorCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.engine.stepfunctions.StepFunctionsSettings.RunTarget;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.Owner;
import dev.flowctl.port.RunInfo;
import dev.flowctl.port.RunRef;
import dev.flowctl.port.RunRequest;
import dev.flowctl.port.RunState;
import dev.flowctl.spec.FlowVersionAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineVersionListItem;

/**
 * Runs of deployed flow versions as Step Functions executions: StartExecution, DescribeExecution,
 * StopExecution and ListExecutions. The execution name comes from the idempotency key, so Step
 * Functions itself keeps a retried start from starting twice (for STANDARD machines, within the 90
 * days it keeps an execution's name). Every call first checks that the execution's state machine
 * carries this owner's tags.
 */
final class StepFunctionsRuns {
    /** Step Functions' limit on execution names. */
    static final int NAME_LIMIT = 80;
    private static final Pattern LEGAL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final int HASH_HEX = 32;
    /** The shape of a hashed name's end; a key that already ends so is hashed too, so no two keys share a name. */
    private static final Pattern HASHED_END = Pattern.compile(".*-[0-9a-f]{" + HASH_HEX + "}");
    private static final int LIST_PAGE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks that a state machine is the owner's deployment of a flow version; throws otherwise. */
    interface OwnershipCheck {
        void require(String machineArn, Owner owner, FlowVersionAddress address, String verb);
    }

    private final SfnClient sfn;
    private final OwnershipCheck ownership;
    /**
     * Machines found to be an owner's version, for describe and runs, which a watcher calls often:
     * a read needs no fresh tag check each time. Start and cancel always check afresh.
     */
    /** How long a start or cancel trusts an earlier ownership check of the same machine, owner and version. */
    static final java.time.Duration RECHECK_WRITES = java.time.Duration.ofSeconds(30);
    private final Map<String, Long> confirmed = new ConcurrentHashMap<>();

    StepFunctionsRuns(SfnClient sfn, OwnershipCheck ownership) {
        this.sfn = sfn;
        this.ownership = ownership;
    }

    RunRef start(RunRequest r) {
        FlowVersionAddress a = r.address();
        String machine = machineArn(r.engineRef(), a);
        StepFunctionsSettings s = StepFunctionsSettings.of(r.settings());
        String name = r.idempotencyKey() == null || r.idempotencyKey().isEmpty()
                ? UUID.randomUUID().toString() : executionName(r.idempotencyKey());
        String input = r.inputJson() == null ? "{}" : r.inputJson();
        String target = null;
        try {
            requireOwned(machine, r.owner(), a, "start a run of", false);
            target = target(machine, s, a);
            String on = target;
            try {
                String arn = sfn.startExecution(x -> x.stateMachineArn(on).name(name).input(input)).executionArn();
                return new RunRef(a, arn);
            } catch (ExecutionAlreadyExistsException exists) {
                return existing(a, machine, name, input, r.idempotencyKey());
            }
        } catch (StateMachineDoesNotExistException | ResourceNotFoundException missing) {
            if (target == null || target.equals(machine)) {
                throw new EngineException("there is no state machine " + machine + " for " + a + " (" + r.owner()
                        + "); it was deleted outside flowctl, so run apply to deploy it again.", missing);
            }
            throw new EngineException("Step Functions has no " + target + " to start " + a + " on (" + SfnErrors.detail(missing)
                    + "); run apply to publish it, or set runOn: machine in the engine: block.", missing);
        } catch (SdkException e) {
            throw SfnErrors.forRun(e, "start a run of " + a + " on " + (target == null ? machine : target), a.toString());
        }
    }

    /** The ARN StartExecution is called with: the alias, the latest published version, or the machine. */
    private String target(String machine, StepFunctionsSettings s, FlowVersionAddress a) {
        RunTarget on = s.runOn();
        if (on == RunTarget.ALIAS) return machine + ":" + s.alias();
        if (on == RunTarget.MACHINE) return machine;
        // ListStateMachineVersions answers newest first.
        List<StateMachineVersionListItem> versions = sfn.listStateMachineVersions(l -> l.stateMachineArn(machine).maxResults(1))
                .stateMachineVersions();
        if (versions.isEmpty()) {
            throw new EngineException("state machine " + machine + " of " + a + " has no published version to run; run apply with"
                    + " publish: true, or set runOn: machine in the engine: block.");
        }
        return versions.get(0).stateMachineVersionArn();
    }

    /**
     * A start whose name is taken: the run this key started before, if it was started with the same
     * input. Step Functions refuses a reused name once that execution has ended, and always when the
     * input differs; flowctl returns the first run in the first case and refuses in the second.
     */
    private RunRef existing(FlowVersionAddress a, String machine, String name, String input, String key) {
        DescribeExecutionResponse d = findByName(machine, name);
        if (d == null) {
            throw new EngineException("Step Functions says a run named " + name + " of " + a + " exists but does not show it;"
                    + " retry with another idempotency key.");
        }
        if (d.input() != null && !sameJson(d.input(), input)) {
            throw new EngineException(ErrorCode.RUN_IDEMPOTENCY_CONFLICT, "idempotency key '" + key + "' already started run " + d.executionArn() + " of " + a
                    + " with another input; use a new key for a new run.");
        }
        return new RunRef(a, d.executionArn());
    }

    /** The execution of that name, at the ARN Step Functions gives it, else by listing (emulators name them differently). */
    private DescribeExecutionResponse findByName(String machine, String name) {
        String arn = machine.replaceFirst(":stateMachine:", ":execution:") + ":" + name;
        try {
            return sfn.describeExecution(x -> x.executionArn(arn));
        } catch (ExecutionDoesNotExistException notThere) {
            for (ExecutionListItem e : sfn.listExecutionsPaginator(l -> l.stateMachineArn(machine).maxResults(LIST_PAGE)).executions()) {
                if (e.name().equals(name)) return sfn.describeExecution(x -> x.executionArn(e.executionArn()));
            }
            return null;
        }
    }

    RunInfo describe(Owner owner, RunRef run) {
        try {
            DescribeExecutionResponse d = describeExecution(run);
            requireOwned(machineOf(d.stateMachineArn()), owner, run.address(), "read run " + run.runId() + " of", true);
            RunState state = state(d.status());
            String error = error(d.error(), d.cause());
            if (error == null && (d.status() == ExecutionStatus.FAILED || d.status() == ExecutionStatus.TIMED_OUT)) {
                error = errorFromHistory(run.runId());
            }
            return new RunInfo(run, state, d.startDate(), d.stopDate(), error, state == RunState.SUCCEEDED ? d.output() : null);
        } catch (SdkException e) {
            throw SfnErrors.forRun(e, "describe run " + run.runId() + " of " + run.address(), run.address().toString());
        }
    }

    void cancel(Owner owner, RunRef run) {
        try {
            DescribeExecutionResponse d = describeExecution(run);
            requireOwned(machineOf(d.stateMachineArn()), owner, run.address(), "cancel run " + run.runId() + " of", false);
            // Asked first: stopping an ended execution would, on some emulators, rewrite how it ended.
            if (state(d.status()).terminal()) return;
            sfn.stopExecution(x -> x.executionArn(run.runId()).cause("cancelled with flowctl"));
        } catch (SdkException e) {
            throw SfnErrors.forRun(e, "cancel run " + run.runId() + " of " + run.address(), run.address().toString());
        }
    }

    /**
     * The newest executions of the version's machine, started on it, its versions or its aliases
     * alike. ListExecutions answers newest first.
     */
    List<RunInfo> runs(Owner owner, FlowVersionAddress a, String engineRef, int limit) {
        String machine = machineArn(engineRef, a);
        List<RunInfo> runs = new ArrayList<>();
        if (limit <= 0) return runs;
        try {
            requireOwned(machine, owner, a, "list the runs of", true);
            for (ExecutionListItem e : sfn.listExecutionsPaginator(l -> l.stateMachineArn(machine)
                    .maxResults(Math.min(limit, LIST_PAGE))).executions()) {
                runs.add(new RunInfo(new RunRef(a, e.executionArn()), state(e.status()), e.startDate(), e.stopDate(), null, null));
                if (runs.size() >= limit) break;
            }
            return runs;
        } catch (StateMachineDoesNotExistException | ResourceNotFoundException missing) {
            throw new EngineException("there is no state machine " + machine + " for " + a + " (" + owner
                    + "); it was deleted outside flowctl, so run apply to deploy it again.", missing);
        } catch (SdkException e) {
            throw SfnErrors.forRun(e, "list the runs of " + a, a.toString());
        }
    }

    /**
     * Checks the machine's tags name this owner and version. A read trusts a confirmation for the life of
     * the engine; a start or cancel trusts one for {@link #RECHECK_WRITES} only, so a gateway starting
     * thousands of runs reads the tags twice a minute instead of twice a call, and a machine re-tagged
     * for another owner stops being started within that time.
     */
    private void requireOwned(String machine, Owner owner, FlowVersionAddress a, String verb, boolean read) {
        String key = machine + "\n" + owner + "\n" + a;
        Long at = confirmed.get(key);
        if (at != null && (read || System.nanoTime() - at < RECHECK_WRITES.toNanos())) return;
        ownership.require(machine, owner, a, verb);
        confirmed.put(key, System.nanoTime());
    }

    private DescribeExecutionResponse describeExecution(RunRef run) {
        if (run.runId() == null || !run.runId().startsWith("arn:") || !run.runId().contains(":execution:")) {
            throw new dev.flowctl.port.UnknownRunException("'" + run.runId() + "' is not a run of the stepfunctions engine: its runs are execution"
                    + " ARNs, arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME.");
        }
        try {
            return sfn.describeExecution(x -> x.executionArn(run.runId()));
        } catch (ExecutionDoesNotExistException unknown) {
            throw new dev.flowctl.port.UnknownRunException("no run " + run.runId() + " of " + run.address() + " in Step Functions ("
                    + SfnErrors.detail(unknown) + "); check the run id, the execution ARN flowctl gave when it started the run.", unknown);
        }
    }

    /** Where an execution is, in flowctl's terms; a redrive pending is a run about to go again. */
    static RunState state(ExecutionStatus status) {
        if (status == null) return RunState.RUNNING;
        return switch (status) {
            case SUCCEEDED -> RunState.SUCCEEDED;
            case FAILED, TIMED_OUT -> RunState.FAILED;
            case ABORTED -> RunState.CANCELLED;
            case PENDING_REDRIVE -> RunState.QUEUED;
            // RUNNING, and a status newer than this SDK: not ended, so a watcher keeps asking.
            default -> RunState.RUNNING;
        };
    }

    private static String error(String error, String cause) {
        boolean hasError = error != null && !error.isBlank();
        boolean hasCause = cause != null && !cause.isBlank();
        if (hasError && hasCause) return error + ": " + cause;
        return hasError ? error : hasCause ? cause : null;
    }

    /**
     * DescribeExecution has carried error and cause only since 2022; older emulators put them in
     * the history alone, as its last event. A refusal to read the history (no
     * states:GetExecutionHistory) leaves the error out: the run's state is known without it.
     */
    private String errorFromHistory(String executionArn) {
        try {
            List<HistoryEvent> last = sfn.getExecutionHistory(h -> h.executionArn(executionArn).reverseOrder(true).maxResults(1)).events();
            if (last.isEmpty()) return null;
            HistoryEvent e = last.get(0);
            if (e.executionFailedEventDetails() != null) {
                return error(e.executionFailedEventDetails().error(), e.executionFailedEventDetails().cause());
            }
            if (e.executionTimedOutEventDetails() != null) {
                return error(e.executionTimedOutEventDetails().error(), e.executionTimedOutEventDetails().cause());
            }
            return null;
        } catch (AwsServiceException refused) {
            return null;
        }
    }

    /**
     * The execution name for an idempotency key: the key itself when it is a legal name (at most 80
     * of A-Z, a-z, 0-9, '-' and '_'); otherwise its legal characters, cut short, and 32 hex digits
     * of its SHA-256, so that two keys never share a name.
     */
    static String executionName(String key) {
        if (LEGAL_NAME.matcher(key).matches() && !HASHED_END.matcher(key).matches()) return key;
        String hash = sha256Hex(key).substring(0, HASH_HEX);
        String legal = key.replaceAll("[^A-Za-z0-9_-]", "_");
        int keep = NAME_LIMIT - HASH_HEX - 1;
        return (legal.length() > keep ? legal.substring(0, keep) : legal) + "-" + hash;
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The unqualified machine ARN of a machine, version or alias ARN. */
    static String machineOf(String arn) {
        String[] parts = arn.split(":", -1);
        return parts.length > 7 ? String.join(":", java.util.Arrays.copyOf(parts, 7)) : arn;
    }

    private static String machineArn(String engineRef, FlowVersionAddress a) {
        if (engineRef == null || !engineRef.startsWith("arn:") || !engineRef.contains(":stateMachine:")) {
            throw new EngineException("state records '" + engineRef + "' for " + a + ", not a state machine ARN; run apply to"
                    + " deploy it with the stepfunctions engine, or flowctl import it with its ARN.");
        }
        return machineOf(engineRef);
    }

    private static boolean sameJson(String a, String b) {
        try {
            return JSON.readTree(a).equals(JSON.readTree(b));
        } catch (JsonProcessingException e) {
            return a.equals(b);
        }
    }
}
