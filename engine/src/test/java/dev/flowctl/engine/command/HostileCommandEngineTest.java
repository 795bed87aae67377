package dev.flowctl.engine.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.engine.Fixtures;
import dev.flowctl.engine.adapters.Engines;
import dev.flowctl.plan.VersionDigest;
import dev.flowctl.port.DeploymentRequest;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.LiveFlowVersion;
import dev.flowctl.port.Owner;
import dev.flowctl.spec.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14: what a pull request controls (file names, templates) never reaches a shell, and drift does not cry wolf. */
class HostileCommandEngineTest {
    @TempDir
    Path work;

    private Settings settings(String deploy) {
        String registry = "sh " + CommandEngineTest.script("registry.sh");
        return new Settings(Map.of("type", "command", "deploy", deploy, "list", registry + " list {project}",
                "env", Map.of("REGISTRY", work.resolve("registry").toString())));
    }

    /** Item 6: a source file named $(touch pwned), its placeholder inside double quotes, is an argument, never shell. */
    @Test
    void aFileNameInDoubleQuotesIsNeverRunAsShell() throws Exception {
        Settings s = settings("sh " + CommandEngineTest.script("registry.sh") + " deploy \"{source}\"");
        DeploymentRequest r = new Fixtures(work).request("hostile", "f", "v1", "x", s, false);
        Path hostile = Files.copy(r.source(), work.resolve("$(touch pwned)`touch pwned2`;touch pwned3"));
        Engines.create(s, work).deploy(new DeploymentRequest(r.owner(), r.address(), hostile, r.definition(), r.digest(), r.schema(),
                s, false));
        JsonNode record = new ObjectMapper().readTree(work.resolve("registry/hostile/f@v1.json").toFile());
        assertEquals(hostile.toString(), record.get("source").asText(), "the name arrives as one literal argument");
        try (var files = Files.list(work)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("pwned")).toList(), "nothing ran");
        }
    }

    @Test
    void aPlaceholderInsideTheScriptOfShDashCIsRefusedBeforeAnythingRuns() {
        EngineException e = assertThrows(EngineException.class,
                () -> Engines.create(settings("sh -c 'echo \"{source}\"'"), work));
        assertEquals("the command engine's 'deploy' puts a placeholder into the script text of sh -c, where a value would run as"
                + " shell code; read it from the environment instead (e.g. \"$FLOWCTL_SOURCE\" inside the single-quoted script).",
                e.getMessage());
    }

    @Test
    void unquotedShellSyntaxIsRefusedRatherThanSilentlyPassedOn() {
        EngineException e = assertThrows(EngineException.class,
                () -> Engines.create(settings("./deploy.sh {source} && rm -rf /tmp/x"), work));
        assertTrue(e.getMessage().startsWith("the command engine's 'deploy' has shell syntax '&' at character 22, but flowctl runs"
                + " commands without a shell;"), e.getMessage());
        assertThrows(EngineException.class, () -> Engines.create(settings("echo \"$HOME\""), work), "no expansion in \"…\" either");
        assertThrows(EngineException.class, () -> Engines.create(settings("echo 'unclosed"), work));
    }

    @Test
    void wordsAreSplitByTheTemplateNotByTheValues() {
        CommandLineTemplate t = new CommandLineTemplate("deploy",
                "run 'a b' \"c \\\"d\\\"\" e\\ f '' '{flow}'.py x{version}y '$(no) | & ;' {source}");
        assertEquals(List.of("run", "a b", "c \"d\"", "e f", "", "my flow.py", "x'; rm -rf /y", "$(no) | & ;", ""),
                t.argv(Map.of("flow", "my flow", "version", "'; rm -rf /")));
        assertEquals("run 'a b' 'c \"d\"' 'e f' '' 'my flow.py'", CommandLineTemplate.display(
                t.argv(Map.of("flow", "my flow")).subList(0, 6)));
    }

    /** Item 12: a list that echoes FLOWCTL_*_HASH as documented reports '' for a version without definition: no drift. */
    @Test
    void aVersionWithoutDefinitionIsNotModifiedWhenListEchoesTheHashes() {
        Settings s = settings("sh " + CommandEngineTest.script("registry.sh") + " deploy {source}");
        DeploymentRequest r = new Fixtures(work).request("hostile", "f", "v1", "x", s, false);
        VersionDigest digest = new VersionDigest(r.digest().sourceHash(), null, r.digest().engineSettingsHash());
        FlowEngine engine = Engines.create(s, work);
        engine.deploy(new DeploymentRequest(r.owner(), r.address(), r.source(), null, digest, r.schema(), s, false));
        LiveFlowVersion live = engine.list(Owner.of("hostile")).get(0);
        assertEquals("", live.attributes().definitionHash(), "the list echoes the empty hash as documented");
        assertEquals(List.of(), live.attributes().differencesFrom(digest));
        assertFalse(live.attributes().differencesFrom(new VersionDigest(digest.sourceHash(), "abc", digest.engineSettingsHash())).isEmpty(),
                "a definition that is gone from the engine still is drift");
    }
}
