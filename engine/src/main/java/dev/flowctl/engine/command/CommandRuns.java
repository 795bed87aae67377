package dev.flowctl.engine.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowctl.engine.EngineSettings;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.Owner;
import dev.flowctl.port.RunInfo;
import dev.flowctl.port.RunRef;
import dev.flowctl.port.RunRequest;
import dev.flowctl.port.RunState;
import dev.flowctl.port.UnknownRunException;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The command engine's runs: {@code run}, {@code status}, {@code cancel} and {@code runs} templates, with
 * the same no-shell rules and placeholders as deploy; docs/engines.md describes what each prints.
 */
final class CommandRuns {
    private static final String RUN_PREFIX = "flowctl-run:";

    private final Commands commands;

    CommandRuns(Commands commands) {
        this.commands = commands;
    }

    /**
     * Runs {@code run} with the input JSON on stdin and in {@code FLOWCTL_INPUT}, and the idempotency key in
     * {@code FLOWCTL_IDEMPOTENCY_KEY}, which the command honours (starting nothing for a key it has seen, and printing
     * that run's id). The command names the run it started with a {@code flowctl-run: <id>} line, or by writing the id
     * to {@code {run_id_file}} (as Metaflow's {@code step-functions trigger --run-id-file} does).
     */
    RunRef start(RunRequest r) {
        EngineSettings.check(commands.type, r.settings(), "engine commands.settings of " + r.address());
        Settings s = commands.effective(r.settings());
        CommandLineTemplate command = commands.required(s, "run", r.address(), "start runs of");
        Map<String, String> values = runValues(r.owner(), r.address(), r.engineRef(), command, null);
        Path runIdFile = null;
        try {
            if (command.uses("run_id_file")) {
                runIdFile = Files.createTempFile("flowctl-run", ".id");
                values.put("run_id_file", runIdFile.toString());
            }
            List<String> argv = new ArrayList<>(command.argv(values));
            if (commands.type.equals("metaflow") && r.settings().string("run").isEmpty()) argv.addAll(MetaflowPreset.triggerArguments(r.inputJson()));
            Map<String, String> env = commands.env(s, values, "run");
            env.put("FLOWCTL_INPUT", r.inputJson());
            env.put("FLOWCTL_IDEMPOTENCY_KEY", r.idempotencyKey() == null ? "" : r.idempotencyKey());
            ProcessRunner.Outcome outcome = commands.run("run", r.address(), argv, env, s, r.inputJson().getBytes(StandardCharsets.UTF_8));
            Optional<String> id = Commands.prefixed(outcome.stdout(), RUN_PREFIX);
            if (id.isEmpty() && runIdFile != null) id = Optional.of(Files.readString(runIdFile).strip()).filter(t -> !t.isEmpty());
            return new RunRef(r.address(), id.orElseThrow(() -> new EngineException("the " + commands.type + " engine's run command for "
                    + r.address() + " did not say which run it started; print a line 'flowctl-run: <id>', or write the id to {run_id_file}.")));
        } catch (IOException e) {
            throw new EngineException("the " + commands.type + " engine cannot read the run id of " + r.address() + " (" + e.getMessage() + ").", e);
        } finally {
            if (runIdFile != null) runIdFile.toFile().delete();
        }
    }

    /**
     * Runs {@code status} for the run ({@code {run}}, {@code FLOWCTL_RUN_ID}) and reads the JSON object it prints:
     * {@code state} (QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED) and optionally {@code startedAt}, {@code stoppedAt}
     * (ISO-8601), {@code error} and {@code output}. A command that prints nothing does not know the run.
     */
    RunInfo describe(Owner owner, RunRef ref) {
        CommandLineTemplate command = commands.required(commands.settings, "status", ref.address(), "follow runs of");
        Map<String, String> values = runValues(owner, ref.address(), null, command, ref.runId());
        ProcessRunner.Outcome outcome = commands.run("status", ref.address(), command.argv(values), commands.env(commands.settings, values, "status"), commands.settings, null);
        if (outcome.stdout().isBlank()) throw unknownRun(owner, ref);
        return runInfo(ref, readJson(outcome.stdout().strip(), "status"));
    }

    /** Runs {@code cancel} for a run that has not ended (so cancelling an ended run changes nothing, as the port says). */
    void cancel(Owner owner, RunRef ref) {
        CommandLineTemplate command = commands.required(commands.settings, "cancel", ref.address(), "cancel runs of");
        if (describe(owner, ref).state().terminal()) return;
        Map<String, String> values = runValues(owner, ref.address(), null, command, ref.runId());
        commands.run("cancel", ref.address(), command.argv(values), commands.env(commands.settings, values, "cancel"), commands.settings, null);
    }

    /** Runs {@code runs} and reads what it prints, newest first: a JSON array or one object per line, each a status with {@code run}. */
    List<RunInfo> runs(Owner owner, FlowVersionAddress address, String engineRef, int limit) {
        CommandLineTemplate command = commands.required(commands.settings, "runs", address, "list runs of");
        Map<String, String> values = runValues(owner, address, engineRef, command, null);
        ProcessRunner.Outcome outcome = commands.run("runs", address, command.argv(values), commands.env(commands.settings, values, "runs"), commands.settings, null);
        List<RunInfo> runs = new ArrayList<>();
        for (JsonNode item : commands.parseList(outcome.stdout(), "runs")) {
            if (runs.size() >= limit) break;
            if (!item.hasNonNull("run")) {
                throw new EngineException("the " + commands.type + " engine's runs command printed " + item + " without 'run'; print one object per"
                        + " run, e.g. {\"run\":\"r1\",\"state\":\"RUNNING\"}.");
            }
            runs.add(runInfo(new RunRef(address, item.get("run").asText()), item));
        }
        return runs;
    }

    private RunInfo runInfo(RunRef ref, JsonNode status) {
        String state = status.path("state").asText("");
        RunState parsed;
        try {
            parsed = RunState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EngineException("the " + commands.type + " engine's status of run " + ref.runId() + " has state '" + state
                    + "'; print one of QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED.");
        }
        JsonNode output = status.get("output");
        return new RunInfo(ref, parsed, time(status, "startedAt", ref), time(status, "stoppedAt", ref), text(status, "error"),
                output == null || output.isNull() ? null : output.isTextual() ? output.asText() : output.toString());
    }

    private Instant time(JsonNode status, String key, RunRef ref) {
        String t = text(status, key);
        if (t == null) return null;
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new EngineException("the " + commands.type + " engine's status of run " + ref.runId() + " has " + key + " '" + t
                    + "', not an ISO-8601 time such as 2024-05-01T12:00:00Z.", e);
        }
    }

    private static String text(JsonNode node, String key) {
        return node.hasNonNull(key) ? node.get(key).asText() : null;
    }

    private JsonNode readJson(String text, String key) {
        try {
            JsonNode node = Commands.JSON.readTree(text);
            if (node != null && node.isObject()) return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // said below
        }
        throw new EngineException("the " + commands.type + " engine's " + key + " command printed something that is not a JSON object;"
                + " print e.g. {\"state\":\"RUNNING\",\"startedAt\":\"2024-05-01T12:00:00Z\"}.");
    }

    private EngineException unknownRun(Owner owner, RunRef ref) {
        String id = ref.runId().length() > 80 ? ref.runId().substring(0, 80) + "…" : ref.runId();
        return new UnknownRunException("the " + commands.type + " engine knows no run '" + id.replaceAll("\\s", " ") + "' of " + ref.address()
                + " for " + owner.describe() + " (its status command printed nothing); check the run id.");
    }

    /** The placeholders of a run command: the version's, its flow file (from the deployment's reference), and the run id. */
    private Map<String, String> runValues(Owner owner, FlowVersionAddress a, String engineRef, CommandLineTemplate command, String runId) {
        Map<String, String> values = commands.values(owner, a);
        Optional<Path> source = commands.deployedSource(engineRef);
        if (source.isPresent()) {
            values.put("source", source.get().toString());
        } else if (command.uses("source")) {
            throw new EngineException("the " + commands.type + " engine's " + command.key() + " command needs {source}, but the flow file of "
                    + a + " (" + (engineRef == null ? "its deployment reference" : engineRef) + ") is not there; restore it or apply again.");
        }
        values.put("run", runId == null ? "" : runId);
        return values;
    }
}
