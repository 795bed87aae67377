package dev.flowctl.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flowctl.json.CanonicalJson;
import dev.flowctl.spec.Settings;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.VersionSpec;
import dev.flowctl.spec.SchemaJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Computes the content digests of the desired versions: source, definition, engine settings. */
public final class DesiredState {
    private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Spec spec;
    private final Settings engine;
    private final String projectSettingsHash;
    /** One hasher for the whole plan: a file reached by many versions (or links) is read once. */
    private final ContentHasher hasher;

    private DesiredState(Spec spec, Settings engine) {
        this.spec = spec;
        this.engine = engine;
        this.projectSettingsHash = settingsHash(engine);
        this.hasher = new ContentHasher(spec.root());
    }

    public static DesiredState of(Spec spec, String environment) {
        return new DesiredState(spec, spec.engineFor(environment));
    }

    /** Thread-safe: the planner digests versions in parallel. */
    public VersionDigest digest(VersionSpec v) {
        String definition = v.definition() == null ? null : hasher.of(resolve(v.definition()));
        String settings = v.engine().isEmpty() ? projectSettingsHash : settingsHash(settings(v));
        return new VersionDigest(hasher.of(resolve(v.source())), definition, settings);
    }

    /** The engine settings one version is deployed with: the project's, then the version's overrides. */
    public Settings settings(VersionSpec v) {
        return engine.merge(v.engine());
    }

    public Path resolve(String relative) {
        return files().resolve(relative);
    }

    /** Where the plan's relative paths resolve. */
    public SourceFiles files() {
        return SourceFiles.of(spec);
    }

    /**
     * What apply sends for {@code v}: its paths, schema, settings and, for a definition file small
     * enough, the bytes whose hash {@code digest} holds (read again and compared, so the two agree).
     */
    public PlannedDeployment deployment(VersionSpec v, VersionDigest digest) {
        byte[] definition = null;
        if (v.definition() != null && digest.definitionHash() != null) {
            Path file = resolve(v.definition());
            try {
                if (Files.isRegularFile(file) && Files.size(file) <= PlannedDeployment.MAX_CARRIED_DEFINITION_BYTES) {
                    // hasher.of checked that the path stays inside the repository; read what it hashed.
                    definition = Files.readAllBytes(file.toRealPath());
                    if (!ContentHasher.hash(definition).equals(digest.definitionHash())) {
                        String why = "the definition " + v.definition() + " of " + v.address() + " changed while it was being planned;"
                                + " run plan again.";
                        throw new UncheckedIOException(why, new IOException(why));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the definition " + v.definition() + " of " + v.address() + ": "
                        + e.getMessage(), e);
            }
        }
        return new PlannedDeployment(v.source(), v.definition(), definition, CanonicalJson.of(SchemaJson.toJson(v.inputs())),
                settings(v));
    }

    /** The hash of engine settings that state records for a deployed version. */
    public static String settingsHash(Settings settings) {
        try {
            Map<String, Object> sorted = new TreeMap<>(settings.values());
            return ContentHasher.hash(CANONICAL.writeValueAsBytes(sorted));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
