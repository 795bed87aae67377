package dev.flowctl.engine.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.engine.FlowRunContract;
import dev.flowctl.port.Deployment;
import dev.flowctl.port.DeploymentRequest;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.Owner;
import dev.flowctl.spec.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalEngineTest extends FlowRunContract {
    private FlowEngine engine;

    @Override
    protected FlowEngine engine() {
        if (engine == null) engine = new LocalEngine(work.resolve("engine"));
        return engine;
    }

    /** Each environment in its own directory, as the cli sets up {@code .flowctl/env/<env>/engine}. */
    @Override
    protected FlowEngine engine(String environment) {
        return new LocalEngine(work.resolve("env").resolve(environment).resolve("engine"));
    }

    @Override
    protected Settings settings() {
        return Settings.empty();
    }

    /** Real processes, no Python needed: cat echoes the input into the log, sh fails, sleep runs long. */
    @Override
    protected DeploymentRequest runnableRequest(RunKind kind) {
        String run = switch (kind) {
            case SUCCEEDS -> "sh -c 'cat; test -n \"$FLOWCTL_INPUT\"'";
            case FAILS -> "sh -c 'echo boom >&2; exit 3'";
            case RUNS_LONG -> "sh -c 'sleep 600 & echo $! > \"$FLOWCTL_RUN_DIR/grandchild\"; wait'";
        };
        return fixtures.request(project, "fleet_features", "v1", kind.name(), new Settings(Map.of("run", run)), false);
    }

    /** A file where the flow's directory should be: the engine cannot write there. */
    @Override
    protected DeploymentRequest failingRequest(String project) {
        try {
            Path blocker = work.resolve("engine").resolve(project).resolve("fleet_features");
            Files.createDirectories(blocker.getParent());
            Files.writeString(blocker, "not a directory");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fixtures.request(project, "fleet_features", "v1", "x", settings(), false);
    }

    /** A file put where flowctl would deploy fleet_features@v1, without flowctl's marker. */
    private Path handMade() throws IOException {
        Path file = work.resolve("engine").resolve(project).resolve("fleet_features").resolve("v1.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"flow\": \"fleet_features\", \"version\": \"v1\", \"note\": \"written by hand\"}\n");
        return file;
    }

    @Test
    void fileWithoutFlowctlsMarkerIsNeitherOverwrittenNorDeleted() throws IOException {
        Path file = handMade();
        String before = Files.readString(file);
        EngineException create = assertThrows(EngineException.class, () -> engine().deploy(request("fleet_features", "v1", "x", false)));
        assertEquals("cannot create fleet_features@v1: the file " + file + " already exists and was not created by flowctl for project "
                + project + ", so flowctl will not take it over; remove or rename it by hand, or adopt it with flowctl import"
                + " fleet_features@v1 " + project + "/fleet_features/v1.json after checking it.", create.getMessage());
        EngineException update = assertThrows(EngineException.class, () -> engine().deploy(request("fleet_features", "v1", "x", true)));
        assertTrue(update.getMessage().startsWith("refusing to overwrite the file " + file), update.getMessage());
        EngineException delete = assertThrows(EngineException.class, () -> engine().delete(Owner.of(project), F1, "x"));
        assertTrue(delete.getMessage().startsWith("refusing to delete the file " + file), delete.getMessage());
        assertEquals(before, Files.readString(file));
        assertEquals(List.of(), engine().list(Owner.of(project)));
    }

    /** An explicit dir: shared by two environments: each deploys its own file, and neither touches the other's. */
    @Test
    void environmentsSharingOneDirectoryKeepTheirOwnFiles() throws IOException {
        Owner prod = new Owner(project, "prod");
        Owner dev = new Owner(project, "dev");
        Deployment p = engine().deploy(fixtures.request(prod, "fleet_features", "v1", "prod", settings(), false, null));
        Deployment d = engine().deploy(fixtures.request(dev, "fleet_features", "v1", "dev", settings(), false, null));
        assertEquals(project + "-prod/fleet_features/v1.json", p.engineRef());
        assertEquals(project + "-dev/fleet_features/v1.json", d.engineRef());
        Path file = work.resolve("engine").resolve(p.engineRef());
        String before = Files.readString(file);
        assertTrue(before.contains("\"environment\" : \"prod\""), before);
        engine().delete(dev, F1, d.engineRef());
        engine().delete(Owner.of(project), F1, null);
        assertEquals(before, Files.readString(file));
        assertEquals(List.of(), engine().list(dev));
        assertEquals(List.of(p.engineRef()), engine().list(prod).stream().map(l -> l.engineRef()).toList());
    }

    /** A file in an environment's folder that is not marked as that environment's is never taken over. */
    @Test
    void aMisplacedFileInAnEnvironmentsFolderIsRefused() throws IOException {
        Owner prod = new Owner(project, "prod");
        Path file = work.resolve("engine").resolve(project + "-prod/fleet_features/v1.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"project\": \"" + project + "\", \"flow\": \"fleet_features\", \"version\": \"v1\"}\n");
        assertThrows(EngineException.class, () -> engine().deploy(fixtures.request(prod, "fleet_features", "v1", "x", settings(), false, null)));
        assertThrows(EngineException.class, () -> engine().deploy(fixtures.request(prod, "fleet_features", "v1", "x", settings(), true, null)));
        assertThrows(EngineException.class, () -> engine().delete(prod, F1, null));
        assertTrue(Files.exists(file));
    }

    /** Files written before environments were marked carry only the project: they are the default environment's. */
    @Test
    void filesWithoutAnEnvironmentBelongToTheDefaultOne() throws IOException {
        Deployment d = engine().deploy(request("fleet_features", "v1", "x", false));
        Path file = work.resolve("engine").resolve(d.engineRef());
        assertTrue(!Files.readString(file).contains("environment"), "the default environment writes no environment marker");
        engine().deploy(request("fleet_features", "v1", "y", true));
        engine().delete(Owner.of(project), F1, d.engineRef());
        assertTrue(Files.notExists(file));
    }
}
