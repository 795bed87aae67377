package dev.flowctl.plan;

import dev.flowctl.json.CanonicalJson;
import dev.flowctl.spec.Settings;
import java.util.Arrays;
import java.util.Objects;

/**
 * What apply deploys for one created or updated version, fixed when the plan is made: apply sends
 * exactly this and derives nothing from flows.yaml again. Sources are carried as the plan's digest
 * (in {@link PlannedChange#digest()}) and verified on disk before the deploy; a definition file of
 * at most {@link #MAX_CARRIED_DEFINITION_BYTES} is carried as bytes, so what is sent is what was planned.
 *
 * @param source            the source path relative to the directory of flows.yaml
 * @param definition        the definition path relative to it, or null
 * @param definitionContent the definition's bytes as hashed by the plan; null for none, a directory or a larger file
 * @param schema            the canonical input schema
 * @param settings          the effective engine settings (project's, then the version's overrides)
 */
public record PlannedDeployment(String source, String definition, byte[] definitionContent, CanonicalJson schema,
                                Settings settings) {
    /** Step Functions takes definitions up to 1 MB; anything larger is a tree an engine reads from disk. */
    public static final int MAX_CARRIED_DEFINITION_BYTES = 1024 * 1024;

    public PlannedDeployment {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(settings, "settings");
        definitionContent = definitionContent == null ? null : definitionContent.clone();
    }

    @Override
    public byte[] definitionContent() {
        return definitionContent == null ? null : definitionContent.clone();
    }

    // Arrays compare by identity in a record's generated equals: compare their bytes.
    @Override
    public boolean equals(Object o) {
        return o instanceof PlannedDeployment p && source.equals(p.source) && Objects.equals(definition, p.definition)
                && Arrays.equals(definitionContent, p.definitionContent) && schema.equals(p.schema) && settings.equals(p.settings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, definition, Arrays.hashCode(definitionContent), schema, settings);
    }

    @Override
    public String toString() {
        return "PlannedDeployment[source=" + source + ", definition=" + definition + ", definitionContent="
                + (definitionContent == null ? "none" : definitionContent.length + " bytes") + ", schema=" + schema
                + ", settings=" + settings + "]";
    }
}
