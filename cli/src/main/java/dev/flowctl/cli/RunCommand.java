package dev.flowctl.cli;

import dev.flowctl.errors.ErrorCode;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.port.RunInfo;
import dev.flowctl.port.RunRef;
import dev.flowctl.runtime.JsonText;
import dev.flowctl.spec.FlowVersionAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec.Target;

@Command(name = "run", description = {
        "Start a run of a deployed flow version, after checking its input against the applied schema.",
        "",
        "The version is looked up in the applied state of the environment, not in the spec. The input is checked "
                + "against the schema that was applied (required inputs, types, enum values, patterns, bounds) and "
                + "completed with defaults, and the engine gets the canonical input JSON. A refused input names every "
                + "offending field. The same checks guard every start, whoever asks."},
        exitCodeList = {
                "0:Started (with --wait: the run succeeded).",
                "1:An error: input refused, version not deployed, engine failure (with --wait: the run failed or was cancelled).",
                "130:Interrupted (Ctrl-C or SIGINT); the run goes on."},
        footer = {
                "%nExamples:",
                "  flowctl run fleet_features@v1 --input @input.json",
                "      Start a run with the JSON object in input.json and print its id.",
                "  flowctl run risk_score@v2 --input @in.json --wait --idempotency-key nightly-1203",
                "      Start at most once for that key, follow it to the end; exit 0 only if it",
                "      succeeded."})
final class RunCommand implements Callable<Integer>, ReadsFlowsYaml {
    /** The largest input file read, far above any real input. */
    private static final long MAX_INPUT_BYTES = 16 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @Mixin
    WorkspaceOptions options;

    @Parameters(index = "0", paramLabel = "FLOW@VERSION", description = "The deployed version to run, e.g. fleet_features@v1.")
    String address;

    @Option(names = "--input", paramLabel = "JSON|@FILE", defaultValue = "{}",
            description = "The input: a JSON object, or @FILE to read one from a file (default: ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "Start at most once for this key: a retry returns the run the first start made.")
    String idempotencyKey;

    @Option(names = "--wait", description = "Follow the run until it ends; exit 0 only if it succeeded.")
    boolean waitForEnd;

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "2s",
            description = "With --wait, how often to ask the engine (default: ${DEFAULT-VALUE}).")
    String poll;

    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec command;

    @Override
    public String leftUndoneOnProblems() {
        return "no run was started";
    }

    @Override
    public Integer call() throws InterruptedException {
        FlowVersionAddress a = RunAccess.address(address);
        Duration every = Durations.parse(poll, "--poll");
        JsonNode value = readInput();
        PrintWriter out = command.commandLine().getOut();
        try (RunAccess runs = RunAccess.open(options)) {
            RunRef ref = runs.service.start(a, value, idempotencyKey);
            out.println("Started " + a + ": run " + ref.runId());
            if (!waitForEnd) return ExitCode.OK;
            out.flush();
            RunInfo info = Follow.untilEnd(runs.service, ref, every, out);
            return info.state() == dev.flowctl.port.RunState.SUCCEEDED ? ExitCode.OK : ExitCode.ERROR;
        }
    }

    private JsonNode readInput() {
        String text = input;
        if (input.startsWith("@")) {
            Path file = Path.of(input.substring(1));
            try {
                if (!Files.isRegularFile(file)) throw new UserError(ErrorCode.RUN_INPUT_FILE_INVALID, "--input " + input + ": " + file + " is not a file; write --input @FILE with a JSON file.");
                if (Files.size(file) > MAX_INPUT_BYTES) throw new UserError(ErrorCode.RUN_INPUT_FILE_INVALID, "--input " + input + " is larger than 16 MiB; a run input is a small JSON object.");
                text = Files.readString(file);
            } catch (IOException e) {
                throw new UserError(ErrorCode.RUN_INPUT_FILE_INVALID, "cannot read --input " + input + " (" + e.getMessage() + ").");
            }
        }
        try {
            JsonNode node = JsonText.read(JSON, text); // one value: nothing but whitespace after it
            if (node == null || !node.isObject()) throw new UserError(ErrorCode.RUN_INPUT_FILE_INVALID, "--input must be a JSON object, e.g. {\"fleet_id\": \"f-1\"}.");
            return node;
        } catch (JsonProcessingException e) {
            throw new UserError(ErrorCode.RUN_INPUT_FILE_INVALID, "--input is not valid JSON (" + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "); write a JSON object, e.g. {\"fleet_id\": \"f-1\"}.");
        }
    }
}
