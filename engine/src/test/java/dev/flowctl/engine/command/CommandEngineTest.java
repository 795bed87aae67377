package dev.flowctl.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.engine.FlowRunContract;
import dev.flowctl.engine.adapters.Engines;
import dev.flowctl.port.DeploymentRequest;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.Owner;
import dev.flowctl.spec.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandEngineTest extends FlowRunContract {
    static String script(String name) {
        try {
            return Path.of(CommandEngineTest.class.getResource("/command/" + name).toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Settings commandSettings(Map<String, Object> extra) {
        String registry = "sh " + script("registry.sh");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "command");
        s.put("deploy", registry + " deploy {source}");
        s.put("delete", registry + " delete");
        s.put("list", registry + " list {project} {environment}");
        String runner = "sh " + script("runner.sh");
        s.put("run", runner + " run");
        s.put("status", runner + " status {run}");
        s.put("cancel", runner + " cancel {run}");
        s.put("runs", runner + " runs");
        s.put("env", Map.of("REGISTRY", work.resolve("registry").toString(), "RUNS", work.resolve("runs").toString(), "BEHAVIOUR", "succeed"));
        s.putAll(extra);
        return new Settings(s);
    }

    @Override
    protected FlowEngine engine() {
        return Engines.create(settings(), work);
    }

    @Override
    protected Settings settings() {
        return commandSettings(Map.of());
    }

    /** runner.sh keeps runs in files; BEHAVIOUR says how they end. */
    @Override
    protected DeploymentRequest runnableRequest(RunKind kind) {
        String behaviour = switch (kind) {
            case SUCCEEDS -> "succeed";
            case FAILS -> "fail";
            case RUNS_LONG -> "long";
        };
        return fixtures.request(project, "fleet_features", "v1", kind.name(), commandSettings(Map.of("env", Map.of("REGISTRY",
                work.resolve("registry").toString(), "RUNS", work.resolve("runs").toString(), "BEHAVIOUR", behaviour))), false);
    }

    @Override
    protected DeploymentRequest failingRequest(String project) {
        return fixtures.request(project, "fleet_features", "v1", "x",
                commandSettings(Map.of("env", Map.of("REGISTRY", work.toString(), "FAIL_FLOW", "fleet_features"))), false);
    }

    @Test
    void failureShowsWhatTheCommandPrinted() {
        EngineException e = assertThrows(EngineException.class, () -> engine().deploy(failingRequest(project)));
        assertTrue(e.getMessage().contains("failed with exit code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("deploying fleet_features@v1"), "stdout shown: " + e.getMessage());
        assertTrue(e.getMessage().contains("boom: fleet_features is broken"), "stderr shown: " + e.getMessage());
    }

    @Test
    void longOutputIsCutToItsLastLines() {
        Settings s = commandSettings(Map.of("deploy", "sh " + script("noisy_failure.sh")));
        EngineException e = assertThrows(EngineException.class,
                () -> Engines.create(s, work).deploy(fixtures.request(project, "fleet_features", "v1", "x", s, false)));
        assertTrue(e.getMessage().contains("exit code 7"), e.getMessage());
        assertTrue(e.getMessage().contains("progress line 29") && !e.getMessage().contains("progress line 9\n"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot be assumed"), e.getMessage());
    }

    @Test
    void slowCommandIsStoppedAtItsTimeout() {
        Settings s = commandSettings(Map.of("deploy", "sleep 30", "timeout", "1s"));
        long start = System.nanoTime();
        EngineException e = assertThrows(EngineException.class,
                () -> Engines.create(s, work).deploy(fixtures.request(project, "fleet_features", "v1", "x", s, false)));
        assertTrue(e.getMessage().contains("timed out after 1s"), e.getMessage());
        assertTrue(System.nanoTime() - start < 25_000_000_000L, "the sleep was killed, not waited for");
    }

    @Test
    void inputsArriveAsJsonAndPlaceholdersAsSingleArguments() throws Exception {
        Path spaced = work.resolve("dir with 'quotes' and spaces");
        Files.createDirectories(spaced);
        DeploymentRequest r = request("fleet_features", "v1", "x", false);
        Path source = Files.copy(r.source(), spaced.resolve("flow.py"));
        engine().deploy(new DeploymentRequest(r.owner(), r.address(), source, r.definition(), r.digest(), r.schema(), r.settings(), false));
        JsonNode record = new ObjectMapper().readTree(work.resolve("registry").resolve(project).resolve("fleet_features@v1.json").toFile());
        assertEquals(source.toString(), record.get("source").asText());
        assertEquals(new ObjectMapper().readTree(r.schema().text()), record.get("inputs"));
        assertEquals("create", record.get("action").asText());
        assertEquals(project + "-fleet_features-v1", record.get("ref").asText());
        assertEquals(project + "-fleet_features-v1", find(engine().list(Owner.of(project)), F1).orElseThrow().engineRef());
    }

    @Test
    void unknownPlaceholderIsRefusedUpFront() {
        EngineException e = assertThrows(EngineException.class,
                () -> Engines.create(commandSettings(Map.of("deploy", "deploy {sauce}")), work));
        assertTrue(e.getMessage().contains("unknown placeholder {sauce}"), e.getMessage());
    }

    @Test
    void missingListCommandSaysDriftNeedsOne() {
        Map<String, Object> s = new LinkedHashMap<>(commandSettings(Map.of()).values());
        s.remove("list");
        EngineException e = assertThrows(EngineException.class, () -> Engines.create(new Settings(s), work).list(Owner.of(project)));
        assertTrue(e.getMessage().contains("no 'list' command"), e.getMessage());
    }

    @Test
    void metaflowPresetRunsStepFunctionsCreateAndDeleteOnTheFlowFile() throws Exception {
        Path log = work.resolve("mf.log");
        Settings s = new Settings(Map.of("type", "metaflow", "python", "sh", "env", Map.of("MF_LOG", log.toString())));
        FlowEngine metaflow = Engines.create(s, work);
        DeploymentRequest r = fixtures.request(project, "fleet_features", "v1", "x", s, false);
        Path flow = Files.copy(Path.of(script("fake_metaflow_flow.sh")), work.resolve("fleet_flow.py"));
        String ref = metaflow.deploy(new DeploymentRequest(r.owner(), r.address(), flow, null, r.digest(), r.schema(), s, false))
                .engineRef();
        assertEquals("fleet_flow.py", ref, "the flow file is what a later delete runs");
        metaflow.delete(Owner.of(project), F1, ref);
        assertEquals(List.of(flow + " --branch v1 step-functions create", flow + " --branch v1 step-functions delete"),
                Files.readAllLines(log));
        assertEquals("metaflow", metaflow.type());
    }

    @Test
    void settingAnotherEngineUsesIsNamedWithTheAllowedOnes() {
        EngineException e = assertThrows(EngineException.class,
                () -> Engines.create(commandSettings(Map.of("roleArn", "arn:aws:iam::1:role/x")), work));
        assertTrue(e.getMessage().contains("'roleArn'") && e.getMessage().contains("deploy"), e.getMessage());
    }

    /** With a list command, the engine can tell a create would land on a live deployment: it refuses. */
    @Test
    void createRefusesWhatTheListCommandAlreadyShows() throws Exception {
        Path registry = work.resolve("registry").resolve(project);
        Files.createDirectories(registry);
        String handMade = "{\"flow\":\"fleet_features\",\"version\":\"v1\",\"ref\":\"by-hand\"}\n";
        Files.writeString(registry.resolve("fleet_features@v1.json"), handMade);
        EngineException e = assertThrows(EngineException.class, () -> engine().deploy(request("fleet_features", "v1", "x", false)));
        assertTrue(e.getMessage().startsWith("cannot create fleet_features@v1: the command engine's deployment by-hand already exists but state"
                + " does not record it"),
                e.getMessage());
        assertTrue(e.getMessage().contains("flowctl import fleet_features@v1 by-hand"), e.getMessage());
        assertEquals(handMade, Files.readString(registry.resolve("fleet_features@v1.json")));
    }

    @Test
    void commandsSeeTheEnvironmentAndItIsPartOfTheName() throws Exception {
        Owner prod = new Owner(project, "prod");
        // Shell features come from an explicit sh -c whose fixed script reads values from FLOWCTL_* variables.
        Settings s = commandSettings(Map.of("deploy", "sh -c 'sh \"$1\" deploy \"$FLOWCTL_SOURCE\" && echo \"$FLOWCTL_ENVIRONMENT\""
                + " > \"$2\"' deploy " + script("registry.sh") + " " + work.resolve("env.txt")));
        engine().deploy(fixtures.request(prod, "fleet_features", "v1", "x", s, false, null));
        JsonNode record = new ObjectMapper().readTree(work.resolve("registry").resolve(project).resolve("env-prod")
                .resolve("fleet_features@v1.json").toFile());
        assertEquals(project + "-prod-fleet_features-v1", record.get("ref").asText(), "FLOWCTL_NAME includes the environment");
        assertEquals("prod", Files.readString(work.resolve("env.txt")).strip());
        assertEquals(List.of(), engine().list(Owner.of(project)), "the default environment does not list prod's deployment");
    }

    /** A list command that prints every environment's deployments: items naming another environment are left out. */
    @Test
    void listLeavesOutItemsOfAnotherProjectOrEnvironment() {
        Settings s = commandSettings(Map.of("list", "printf '%s\\n' '{\"flow\":\"f\",\"version\":\"v1\",\"environment\":\"prod\"}'"
                + " '{\"flow\":\"f\",\"version\":\"v2\",\"environment\":\"dev\"}' '{\"flow\":\"f\",\"version\":\"v3\",\"project\":\"other\"}'"));
        FlowEngine e = Engines.create(s, work);
        assertEquals(List.of("f@v2"), e.list(new Owner(project, "dev")).stream().map(l -> l.address().toString()).toList());
        assertEquals(List.of(), e.list(Owner.of(project)));
    }
}
