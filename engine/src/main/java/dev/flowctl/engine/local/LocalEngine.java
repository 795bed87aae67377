package dev.flowctl.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowctl.apply.Deployment;
import dev.flowctl.apply.DeploymentRequest;
import dev.flowctl.apply.EngineException;
import dev.flowctl.apply.FlowEngine;
import dev.flowctl.apply.LiveFlowVersion;
import dev.flowctl.spec.FlowVersionAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The embedded engine: deploys a flow version as a JSON document of what a real engine would
 * receive, at {@code <dir>/<project>/<flow>/<version>.json}. No cloud needed, and the files
 * are easy to inspect, so it serves first runs, tests and demos.
 */
public final class LocalEngine implements FlowEngine {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Path dir;

    public LocalEngine(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    @Override
    public String type() {
        return "local";
    }

    @Override
    public Deployment deploy(DeploymentRequest r) {
        FlowVersionAddress a = r.version().address();
        Path target = file(r.project(), a);
        ObjectNode doc = JSON.createObjectNode();
        doc.put("project", r.project());
        doc.put("flow", a.flow());
        doc.put("version", a.version());
        doc.put("source", r.source().toString());
        doc.put("sourceHash", r.digest().sourceHash());
        if (r.definition() != null) {
            doc.put("definition", r.definition().toString());
            doc.put("definitionHash", r.digest().definitionHash());
        }
        doc.put("engineSettingsHash", r.digest().engineSettingsHash());
        doc.set("settings", JSON.valueToTree(new java.util.TreeMap<>(r.settings().values())));
        doc.set("inputs", r.schema());
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), a.version(), ".tmp");
            JSON.writeValue(tmp.toFile(), doc);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new EngineException("local engine cannot deploy " + a + " to " + target + " (" + e
                    + "); check that the engine directory is writable.", e);
        }
        return new Deployment(dir.relativize(target).toString().replace('\\', '/'));
    }

    @Override
    public void delete(String project, FlowVersionAddress address, String engineRef) {
        Path target = file(project, address);
        try {
            Files.deleteIfExists(target);
            deleteIfEmpty(target.getParent());
        } catch (IOException e) {
            throw new EngineException("local engine cannot delete " + address + " at " + target + " (" + e
                    + "); check that the engine directory is writable.", e);
        }
    }

    @Override
    public List<LiveFlowVersion> list(String project) {
        Path root = dir.resolve(project);
        List<LiveFlowVersion> live = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root, 2)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (NoSuchFileException e) {
            return live;
        } catch (IOException e) {
            throw new EngineException("local engine cannot list " + root + ": " + e.getMessage() + ".", e);
        }
        for (Path f : files) {
            try {
                JsonNode doc = JSON.readTree(f.toFile());
                Map<String, String> attributes = new LinkedHashMap<>();
                for (String k : List.of("sourceHash", "definitionHash", "engineSettingsHash")) {
                    if (doc.hasNonNull(k)) attributes.put(k, doc.get(k).asText());
                }
                live.add(new LiveFlowVersion(new FlowVersionAddress(doc.path("flow").asText(), doc.path("version").asText()),
                        dir.relativize(f).toString().replace('\\', '/'), attributes));
            } catch (IOException e) {
                throw new EngineException("local engine deployment " + f + " is unreadable: " + e.getMessage() + ".", e);
            }
        }
        return live;
    }

    private Path file(String project, FlowVersionAddress a) {
        return dir.resolve(project).resolve(a.flow()).resolve(a.version() + ".json");
    }

    private void deleteIfEmpty(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            if (s.findAny().isEmpty()) Files.delete(folder);
        } catch (NoSuchFileException e) {
            // already gone
        }
    }
}
