package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.gateway.GatewayListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import dev.flowctl.engine.local.LocalRunsEnded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a service team outside the JVM does: a Node program with no flowctl code in it (grpc-js and
 * proto-loader, installed by the build into tools/grpc-node) loads the .proto files
 * {@code flowctl codegen} wrote, calls the version's generated Start on a real {@code flowctl serve}
 * over loopback, and follows the run with flowctl.v1.Runs/Watch. A Go or Python client sees the
 * same wire contract.
 */
class NodeClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLIENT = Path.of("..", "tools", "grpc-node").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private Path spec;
    private ServeCommand.Serving serving;

    @BeforeEach
    void project() {
        assumeTrue(RunCommandTest.python3(), "python3 is not installed: the local engine's run command here is a python3 script");
        assumeTrue(node(), "node is not installed: the Node client cannot run");
        assumeTrue(Files.isDirectory(CLIENT.resolve("node_modules/@grpc/grpc-js")),
                "tools/grpc-node is not installed (the build runs tools/npm-install grpc-node before the tests; npm was missing or offline)");
        Cli.write(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Cli.write(dir.resolve("flows/scoring.py"), "print('score')\n");
        // The run keeps the input it was handed, so the test can see what reached the engine.
        Cli.write(dir.resolve("flows/run.py"), """
                import json, os, sys
                inputs = json.load(sys.stdin)
                with open("received-" + os.environ["FLOWCTL_RUN_ID"] + ".json", "w") as f:
                    json.dump(inputs, f, sort_keys=True)
                """);
        spec = Cli.write(dir.resolve("flows.yaml"), """
                project: demo
                engine: { type: local, run: python3 flows/run.py }
                flows:
                  scoring:
                    source: flows/scoring.py
                    versions:
                      v1:
                        inputs:
                          fleet_id: { type: string, required: true }
                          months:   { type: int, default: 24 }
                          mode:     { type: enum, values: [fast, slow], default: fast }
                """);
        Cli.Result applied = Cli.run("apply", "--auto-approve", "-f", spec.toString());
        assertEquals(ExitCode.OK, applied.code(), applied::toString);
        Cli.Result generated = Cli.run("codegen", "--lang", "proto", "-f", spec.toString());
        assertEquals(ExitCode.OK, generated.code(), generated::toString);
        serving = ServeCommandTest.serveOnLoopback(spec, new GatewayListener() {
        });
    }

    @AfterEach
    void stop() {
        LocalRunsEnded.await(dir);
        if (serving != null) serving.close();
    }

    @Test
    void aNodeClientStartsTheGeneratedServiceAndWatchesTheRunToSuccess() throws Exception {
        List<JsonNode> lines = startAndWatch("{\"fleet_id\": \"f-1\", \"mode\": \"MODE_SLOW\"}");

        JsonNode started = lines.get(0).get("started");
        assertEquals("scoring", started.get("flow").asText(), lines.toString());
        assertEquals("v1", started.get("version").asText());
        String runId = started.get("run_id").asText();
        assertFalse(runId.isEmpty());
        JsonNode last = lines.get(lines.size() - 1).get("run");
        assertEquals("STATE_SUCCEEDED", last.get("state").asText(), lines.toString());
        assertEquals(runId, last.get("run").get("run_id").asText());

        // The engine got the checked canonical input: the enum constant as flows.yaml's value, the default filled in.
        assertEquals("{\"fleet_id\": \"f-1\", \"mode\": \"slow\", \"months\": 24}", Cli.read(dir.resolve("received-" + runId + ".json")));
    }

    @Test
    void aBadInputIsInvalidArgumentNamingTheField() throws Exception {
        List<JsonNode> lines = startAndWatch("{\"months\": \"3\"}");

        assertEquals(1, lines.size(), lines.toString());
        JsonNode error = lines.get(0).get("error");
        assertEquals(3, error.get("code").asInt(), "INVALID_ARGUMENT: " + error);
        assertTrue(error.get("message").asText().contains("'fleet_id' is required"), error::toString);
        assertEquals("fleet_id", error.get("field_violations").get(0).get("field").asText(), error::toString);
        assertEquals(1, error.get("field_violations").size(), error::toString);
        assertTrue(Cli.run("runs", "list", "scoring@v1", "-f", spec.toString()).out().startsWith("No runs"), "a refused start starts nothing");
    }

    /** Runs tools/grpc-node/start-and-watch.js against the gateway; the JSON lines it printed. */
    private List<JsonNode> startAndWatch(String input) throws IOException, InterruptedException {
        InetSocketAddress gateway = serving.gateway.address();
        Path printed = dir.resolve("node-client.out");
        Process node = new ProcessBuilder("node", CLIENT.resolve("start-and-watch.js").toString(),
                "127.0.0.1:" + gateway.getPort(), dir.resolve("generated/proto").toString(), "demo/flows/scoring/v1/scoring.proto", input)
                .redirectErrorStream(true).redirectOutput(printed.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        // A hang guard, not a timing assertion: the script's own deadlines end it long before.
        if (!node.waitFor(180, TimeUnit.SECONDS)) {
            node.destroyForcibly().waitFor();
            throw new AssertionError("the Node client did not finish: " + Cli.read(printed));
        }
        String out = Cli.read(printed);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) lines.add(parse(line, out));
        }
        assertFalse(lines.isEmpty(), "the Node client printed nothing (exit " + node.exitValue() + ")");
        assertEquals(lines.get(lines.size() - 1).has("error") ? 1 : 0, node.exitValue(), out);
        return lines;
    }

    private static JsonNode parse(String line, String all) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("the Node client printed a line that is not JSON: " + line + "\n" + all, e);
        }
    }

    static boolean node() {
        try {
            return new ProcessBuilder("node", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
