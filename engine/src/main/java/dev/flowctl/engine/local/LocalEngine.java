package dev.flowctl.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowctl.engine.Ownership;
import dev.flowctl.files.AtomicFile;
import dev.flowctl.port.Deployment;
import dev.flowctl.port.DeploymentRequest;
import dev.flowctl.port.EngineException;
import dev.flowctl.port.FlowEngine;
import dev.flowctl.port.LiveAttributes;
import dev.flowctl.port.LiveFlowVersion;
import dev.flowctl.port.Owner;
import dev.flowctl.port.RunInfo;
import dev.flowctl.port.RunRef;
import dev.flowctl.port.RunRequest;
import dev.flowctl.spec.FlowVersionAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The embedded engine: deploys a flow version as a JSON document of what a real engine would
 * receive, at {@code <dir>/<project>/<flow>/<version>.json} ({@code <dir>/<project>-<env>/…} for a named
 * environment, so environments sharing a {@code dir:} each get their own files; a project name
 * never contains '-'). No cloud needed, and the files are easy to inspect, so it serves first
 * runs, tests and demos. Each file carries its owner
 * ({@code project}, and {@code environment} for a named one) as its marker: a directory shared by
 * two environments, or a file written by hand, is never overwritten or deleted.
 */
public final class LocalEngine implements FlowEngine {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Path dir;
    private final LocalRuns runs;

    /** An engine in {@code dir} whose run commands run in the directory above it. */
    public LocalEngine(Path dir) {
        this(dir, dir.toAbsolutePath().normalize().getParent());
    }

    /**
     * @param dir     where deployments live ({@code .flowctl/engine}); runs live beside it, in {@code runs}
     * @param workDir where run commands run: the directory of flows.yaml
     */
    public LocalEngine(Path dir, Path workDir) {
        this.dir = dir.toAbsolutePath().normalize();
        this.runs = new LocalRuns(this.dir.resolveSibling("runs"), workDir.toAbsolutePath().normalize(), this);
    }

    @Override
    public String type() {
        return "local";
    }

    @Override
    public Deployment deploy(DeploymentRequest r) {
        FlowVersionAddress a = r.address();
        Path target = file(r.owner(), a);
        String ref = ref(target);
        if (Files.exists(target)) {
            boolean ours = owns(target, r.owner());
            if (!r.update()) throw Ownership.existsOnCreate(a, "the file " + target, ref, ours, r.owner());
            if (!ours) throw Ownership.notOwned("overwrite", a, "the file " + target, r.owner());
        }
        ObjectNode doc = JSON.createObjectNode();
        doc.put("project", r.project());
        if (r.owner().environment() != null) doc.put("environment", r.owner().environment());
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
        try {
            doc.set("inputs", JSON.readTree(r.schema().text()));
            Files.createDirectories(target.getParent());
            AtomicFile.write(target, JSON.writeValueAsBytes(doc));
        } catch (IOException e) {
            throw new EngineException("local engine cannot deploy " + a + " to " + target + " (" + e
                    + "); check that the engine directory is writable.", e);
        }
        return new Deployment(ref);
    }

    @Override
    public void delete(Owner owner, FlowVersionAddress address, String engineRef) {
        Path target = file(owner, address);
        if (!Files.exists(target)) return;
        if (!owns(target, owner)) throw Ownership.notOwned("delete", address, "the file " + target, owner);
        try {
            Files.deleteIfExists(target);
            deleteIfEmpty(target.getParent());
        } catch (IOException e) {
            throw new EngineException("local engine cannot delete " + address + " at " + target + " (" + e
                    + "); check that the engine directory is writable.", e);
        }
    }

    @Override
    public List<LiveFlowVersion> list(Owner owner) {
        Path root = ownerDir(owner);
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
                if (!owns(doc, owner)) continue;
                LiveAttributes attributes = new LiveAttributes(text(doc, "sourceHash"), text(doc, "definitionHash"),
                        text(doc, "engineSettingsHash"), null, Map.of());
                live.add(new LiveFlowVersion(new FlowVersionAddress(doc.path("flow").asText(), doc.path("version").asText()),
                        ref(f), attributes));
            } catch (IOException e) {
                throw new EngineException("local engine deployment " + f + " is unreadable: " + e.getMessage() + ".", e);
            }
        }
        return live;
    }

    private static String text(JsonNode doc, String field) {
        return doc.hasNonNull(field) ? doc.get(field).asText() : null;
    }

    /**
     * Runs the version's {@code run:} command (default {@code python3 {source}}) as a local process
     * that outlives this flowctl; see {@link LocalRuns} and docs/engines.md.
     */
    @Override
    public RunRef start(RunRequest request) {
        return runs.start(request);
    }

    @Override
    public RunInfo describe(Owner owner, RunRef run) {
        return runs.describe(owner, run);
    }

    @Override
    public void cancel(Owner owner, RunRef run) {
        runs.cancel(owner, run);
    }

    @Override
    public List<RunInfo> runs(Owner owner, FlowVersionAddress address, String engineRef, int limit) {
        return runs.runs(owner, address, limit);
    }

    /** The file a run's command writes its stdout and stderr to, for {@code flowctl runs} to show. */
    public Path log(Owner owner, RunRef run) {
        return runs.log(owner, run);
    }

    /**
     * What the deployment of a version records ({@code source}, {@code definition}), after checking
     * that it is this owner's and the one state names: a run starts only on a deployment of this owner.
     */
    Map<String, String> deployed(Owner owner, FlowVersionAddress a, String engineRef) {
        Path target = file(owner, a);
        if (!Files.exists(target) || (engineRef != null && !engineRef.equals(ref(target)))) {
            throw new EngineException(a + " is not deployed in the local engine for " + owner.describe() + " (no " + target
                    + "); apply it first, then start the run.");
        }
        try {
            JsonNode doc = JSON.readTree(target.toFile());
            if (!owns(doc, owner)) throw Ownership.notOwned("run", a, "the file " + target, owner);
            Map<String, String> deployed = new LinkedHashMap<>();
            for (String k : List.of("source", "definition")) {
                if (doc.hasNonNull(k)) deployed.put(k, doc.get(k).asText());
            }
            return deployed;
        } catch (IOException e) {
            throw new EngineException("local engine deployment " + target + " is unreadable: " + e.getMessage() + ".", e);
        }
    }

    /** Whether the file is marked as this owner's: its project, and its environment (none for the default one). */
    private static boolean owns(Path file, Owner owner) {
        try {
            return owns(JSON.readTree(file.toFile()), owner);
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static boolean owns(JsonNode doc, Owner owner) {
        if (doc == null || !doc.isObject()) return false;
        String environment = doc.hasNonNull("environment") ? doc.get("environment").asText() : null;
        return owner.project().equals(doc.path("project").asText(null)) && Objects.equals(owner.environment(), environment);
    }

    private String ref(Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    private Path file(Owner owner, FlowVersionAddress a) {
        return ownerDir(owner).resolve(a.flow()).resolve(a.version() + ".json");
    }

    private Path ownerDir(Owner owner) {
        return dir.resolve(owner.environment() == null ? owner.project() : owner.project() + "-" + owner.environment());
    }

    private void deleteIfEmpty(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            if (s.findAny().isEmpty()) Files.delete(folder);
        } catch (NoSuchFileException e) {
            // already gone
        }
    }
}
