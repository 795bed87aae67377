package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Apply through the command engine with many actions in parallel, some of which fail. */
class ApplyAtScaleTest {
    @TempDir
    Path dir;

    static Set<String> inState(Path state) throws IOException {
        JsonNode doc = new ObjectMapper().readTree(state.toFile());
        Set<String> names = new TreeSet<>();
        doc.path("versions").fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Set<String> inRegistry(Path registry) throws IOException {
        Set<String> names = new TreeSet<>();
        if (!Files.exists(registry)) return names;
        try (Stream<Path> files = Files.walk(registry)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .forEach(n -> names.add(n.substring(0, n.length() - ".json".length())));
        }
        return names;
    }

    @Test
    void failedActionsDoNotStopTheOthersAndARerunFinishesThem() throws IOException {
        CommandEngineRepo repo = new CommandEngineRepo(dir, 4, 3, "");
        Path broken = Cli.write(repo.registry.resolve("fail-flowab"), "");
        Cli.Result first = Cli.run("apply", "-f", repo.spec.toString(), "--auto-approve", "--parallelism", "4");
        assertEquals(ExitCode.ERROR, first.code(), first::toString);
        assertTrue(first.err().contains("Apply incomplete: 9 created, 0 updated, 0 deleted; 3 failed, 0 not started."), first::toString);
        for (String a : List.of("flowab@v1", "flowab@v2", "flowab@v3")) {
            assertTrue(first.err().contains("  " + a + ": command engine: deploy of " + a + " failed with exit code 3"), first::toString);
            assertTrue(first.out().contains("boom: flowab is broken"), "the command's stderr is shown: " + first);
        }
        List<String> good = new ArrayList<>(repo.addresses(4, 3));
        good.removeIf(a -> a.startsWith("flowab@"));
        assertEquals(new TreeSet<>(good), inState(repo.state), "state records every success");
        long lines = first.out().lines().filter(l -> l.matches("\\[\\d+/12] .*")).count();
        assertEquals(12, lines, "one line per finished action when not on a terminal: " + first);
        assertTrue(first.out().contains("[12/12] "), first::toString);

        Files.delete(broken);
        Cli.Result second = Cli.run("apply", "-f", repo.spec.toString(), "--auto-approve");
        assertEquals(ExitCode.OK, second.code(), second::toString);
        assertTrue(second.out().contains("Apply complete! Flow versions: 3 created, 0 updated, 0 deleted."), second::toString);
        assertEquals(new TreeSet<>(repo.addresses(4, 3)), inState(repo.state));
        assertEquals(new TreeSet<>(repo.addresses(4, 3)), inRegistry(repo.registry.resolve("scale")));
        assertEquals(ExitCode.OK, Cli.run("plan", "-f", repo.spec.toString(), "--detailed-exitcode").code());
    }
}
