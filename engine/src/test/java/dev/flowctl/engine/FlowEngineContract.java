package dev.flowctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.port.Deployment;
import dev.flowctl.port.DeploymentRequest;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.LiveAttributes;
import dev.flowctl.port.LiveFlowVersion;
import dev.flowctl.port.Owner;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link FlowEngine} adapter must do, run by each adapter's test: create, update,
 * idempotent re-deploy, delete (twice), list only this project and environment, keep two
 * environments' deployments apart, refuse a create over an existing deployment, and fail in one
 * clear sentence.
 */
public abstract class FlowEngineContract {
    protected static final FlowVersionAddress F1 = new FlowVersionAddress("fleet_features", "v1");

    @TempDir
    protected Path work;
    protected Fixtures fixtures;
    protected String project;
    private static int projects;

    /** The adapter under test, fresh or shared; projects keep tests apart. */
    protected abstract FlowEngine engine();

    /**
     * The adapter a named environment uses; the same one by default. The local engine keeps each
     * environment in its own directory, as the cli sets it up.
     */
    protected FlowEngine engine(String environment) {
        return engine();
    }

    /** The engine settings deploys use (e.g. a role ARN). */
    protected abstract Settings settings();

    /** A request this adapter must refuse, e.g. a broken definition or a failing command. */
    protected abstract DeploymentRequest failingRequest(String project);

    /** What is live for a project's default environment; adapters whose test server cannot list override this. */
    protected List<LiveFlowVersion> live(String project) {
        return engine().list(Owner.of(project));
    }

    /** Runs outlive the call that started them; the temporary directory goes once nothing writes into it. */
    @org.junit.jupiter.api.AfterEach
    void runsEnded() {
        dev.flowctl.engine.local.LocalRunsEnded.await(work);
    }

    @BeforeEach
    void names() {
        fixtures = new Fixtures(work);
        project = "proj" + (++projects) + getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT).substring(0, 4);
    }

    protected DeploymentRequest request(String flow, String version, String content, boolean update) {
        return fixtures.request(project, flow, version, content, settings(), update);
    }

    @Test
    protected void createdVersionIsListedWithItsReference() {
        Deployment d = engine().deploy(request("fleet_features", "v1", "first", false));
        Optional<LiveFlowVersion> live = find(live(project), F1);
        assertTrue(live.isPresent(), "deployed version is not live: " + live(project));
        assertEquals(d.engineRef(), live.get().engineRef());
    }

    @Test
    protected void updateReplacesTheDeploymentInPlace() {
        DeploymentRequest first = request("fleet_features", "v1", "first", false);
        Deployment a = engine().deploy(first);
        DeploymentRequest second = request("fleet_features", "v1", "second", true);
        Deployment b = engine().deploy(second);
        assertEquals(a.engineRef(), b.engineRef());
        List<LiveFlowVersion> live = live(project);
        assertEquals(1, live.stream().filter(l -> l.address().equals(F1)).count(), live.toString());
        assertMatchesIfReported(find(live, F1).orElseThrow(), second);
        assertNotEquals(first.digest().fingerprint(), second.digest().fingerprint());
    }

    @Test
    protected void redeployingTheSameVersionIsIdempotent() {
        DeploymentRequest r = request("fleet_features", "v1", "same", false);
        Deployment a = engine().deploy(r);
        Deployment b = engine().deploy(fixtures.request(Owner.of(project), "fleet_features", "v1", "same", settings(), true,
                a.engineRef()));
        assertEquals(a.engineRef(), b.engineRef());
        assertEquals(1, live(project).size());
        assertMatchesIfReported(live(project).get(0), r);
    }

    @Test
    protected void deleteRemovesTheVersionAndDeletingAgainSucceeds() {
        Deployment d = engine().deploy(request("fleet_features", "v1", "x", false));
        engine().deploy(request("fleet_features", "v2", "y", false));
        engine().delete(Owner.of(project), F1, d.engineRef());
        assertFalse(find(live(project), F1).isPresent());
        assertTrue(find(live(project), new FlowVersionAddress("fleet_features", "v2")).isPresent());
        engine().delete(Owner.of(project), F1, d.engineRef());
    }

    @Test
    protected void listShowsOnlyThisProjectsVersions() {
        engine().deploy(request("fleet_features", "v1", "mine", false));
        engine().deploy(fixtures.request(project + "other", "risk_score", "v1", "theirs", settings(), false));
        List<LiveFlowVersion> live = live(project);
        assertEquals(List.of(F1), live.stream().map(LiveFlowVersion::address).toList());
    }

    /** A create never becomes an update, not even of flowctl's own deployment: state lost track of it, import takes it back. */
    @Test
    protected void createOverAnExistingDeploymentIsRefusedAndPointsAtImport() {
        DeploymentRequest first = request("fleet_features", "v1", "first", false);
        Deployment d = engine().deploy(first);
        EngineException e = assertThrows(EngineException.class, () -> engine().deploy(request("fleet_features", "v1", "second", false)));
        assertTrue(e.getMessage().startsWith("cannot create fleet_features@v1: "), e.getMessage());
        assertTrue(e.getMessage().contains("flowctl import fleet_features@v1 " + d.engineRef()), e.getMessage());
        List<LiveFlowVersion> live = live(project);
        assertEquals(1, live.size(), live.toString());
        assertMatchesIfReported(live.get(0), first);
    }

    /** Two environments of one project deploy the same version side by side, and neither sees nor touches the other's. */
    @Test
    protected void environmentsKeepTheirOwnDeployments() {
        Owner dev = new Owner(project, "dev");
        Owner prod = new Owner(project, "prod");
        DeploymentRequest prodRequest = fixtures.request(prod, "fleet_features", "v1", "prod", settings(), false, null);
        Deployment p = engine("prod").deploy(prodRequest);
        Deployment d = engine("dev").deploy(fixtures.request(dev, "fleet_features", "v1", "dev", settings(), false, null));
        assertEquals(List.of(d.engineRef()), engine("dev").list(dev).stream().map(LiveFlowVersion::engineRef).toList());
        assertEquals(List.of(p.engineRef()), engine("prod").list(prod).stream().map(LiveFlowVersion::engineRef).toList());
        assertEquals(List.of(), engine().list(Owner.of(project)), "the default environment is an environment of its own");
        engine("dev").delete(dev, F1, d.engineRef());
        assertEquals(List.of(), engine("dev").list(dev));
        List<LiveFlowVersion> prodLive = engine("prod").list(prod);
        assertEquals(1, prodLive.size(), prodLive.toString());
        assertMatchesIfReported(prodLive.get(0), prodRequest);
    }

    @Test
    protected void failureIsOneClearSentenceNamingTheVersion() {
        EngineException e = assertThrows(EngineException.class, () -> engine().deploy(failingRequest(project)));
        String first = e.getMessage().lines().findFirst().orElse("");
        assertTrue(first.contains("fleet_features@v1") || first.contains(project + "-fleet_features-v1"), e.getMessage());
        assertFalse(e.getMessage().contains("\tat "), "no stack trace in the message: " + e.getMessage());
        assertTrue(first.endsWith(".") || first.endsWith(")") , "one sentence: " + first);
    }

    /** Any hash an engine reports must be the one of what was deployed, or drift would lie. */
    protected static void assertMatchesIfReported(LiveFlowVersion live, DeploymentRequest r) {
        LiveAttributes a = live.attributes();
        if (a.sourceHash() != null) assertEquals(r.digest().sourceHash(), a.sourceHash(), "sourceHash");
        if (a.definitionHash() != null) assertEquals(r.digest().definitionHash(), a.definitionHash(), "definitionHash");
        if (a.engineSettingsHash() != null) assertEquals(r.digest().engineSettingsHash(), a.engineSettingsHash(), "engineSettingsHash");
        if (a.fingerprint() != null) assertEquals(r.digest().fingerprint(), a.fingerprint(), "fingerprint");
        assertEquals(List.of(), a.differencesFrom(r.digest()), "nothing differs from what was deployed");
        assertTrue(a.editedOutside().isEmpty(), "nothing was edited outside flowctl: " + a);
    }

    protected static Optional<LiveFlowVersion> find(List<LiveFlowVersion> live, FlowVersionAddress a) {
        return live.stream().filter(l -> l.address().equals(a)).findFirst();
    }
}
