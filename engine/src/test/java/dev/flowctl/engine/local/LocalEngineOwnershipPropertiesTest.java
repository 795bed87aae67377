package dev.flowctl.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.engine.Fixtures;
import dev.flowctl.engine.OwnershipLaw;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.Owner;
import dev.flowctl.spec.FlowVersionAddress;
import dev.flowctl.spec.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The ownership law on the local engine with one directory shared by both environments (an
 * explicit {@code dir:}): each environment writes under its own folder, and the files' markers
 * keep a hand-made or misplaced file from being taken over.
 */
class LocalEngineOwnershipPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger PROJECTS = new AtomicInteger();

    @Provide
    Arbitrary<List<OwnershipLaw.Step>> steps() {
        return OwnershipLaw.steps(12);
    }

    @Property(tries = 200)
    void noCommandChangesAnotherOwnersFile(@ForAll("steps") List<OwnershipLaw.Step> steps) throws IOException {
        Path work = Files.createTempDirectory("flowctl-ownership");
        try {
            Path dir = work.resolve("engine");
            OwnershipLaw.check(new Files_(dir), new Fixtures(work), "p" + PROJECTS.incrementAndGet(), steps);
        } finally {
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The engine directory as the law sees it. */
    private record Files_(Path dir) implements OwnershipLaw.Target {
        @Override
        public FlowEngine engine() {
            return new LocalEngine(dir);
        }

        @Override
        public Settings settings() {
            return Settings.empty();
        }

        @Override
        public String handMade(Owner owner, FlowVersionAddress a) {
            String ref = refOf(owner, a);
            try {
                Files.createDirectories(dir.resolve(ref).getParent());
                Files.writeString(dir.resolve(ref), "{\"flow\": \"" + a.flow() + "\", \"version\": \"" + a.version() + "\"}\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return ref;
        }

        @Override
        public String refOf(Owner owner, FlowVersionAddress a) {
            String ownerDir = owner.environment() == null ? owner.project() : owner.project() + "-" + owner.environment();
            return ownerDir + "/" + a.flow() + "/" + a.version() + ".json";
        }

        @Override
        public Map<String, OwnershipLaw.EngineObject> objects(String project) {
            Map<String, OwnershipLaw.EngineObject> objects = new TreeMap<>();
            if (!Files.isDirectory(dir)) return objects;
            try (Stream<Path> files = Files.walk(dir)) {
                // every environment's folder of the project: <project>/ and <project>-<env>/
                for (Path f : files.filter(Files::isRegularFile).filter(f -> {
                    String top = dir.relativize(f).getName(0).toString();
                    return top.equals(project) || top.startsWith(project + "-");
                }).toList()) {
                    String text = Files.readString(f);
                    JsonNode doc = JSON.readTree(text);
                    Owner owner = doc.hasNonNull("project") ? new Owner(doc.get("project").asText(),
                            doc.hasNonNull("environment") ? doc.get("environment").asText() : null) : null;
                    objects.put(dir.relativize(f).toString(), new OwnershipLaw.EngineObject(owner, text));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return objects;
        }
    }
}
