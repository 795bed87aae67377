package dev.flowctl.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowctl.runtime.CheckedInput;
import dev.flowctl.runtime.InputSchema;
import java.util.List;

/**
 * The input check of a run start, over a version's applied schema (from state, not flows.yaml):
 * the runtime's {@link InputSchema}, the same rules the generated stubs run, with every pattern
 * compiled through {@link UserPatterns} so a schema in a hand-edited state file is bounded too.
 */
public final class RunInputs {
    private RunInputs() {
    }

    /** Compiles an applied schema once, to check many inputs (the gateway keeps one per served version). */
    public static InputSchema schema(List<InputSpec> applied) {
        return schema(SchemaJson.toJson(applied));
    }

    /** Compiles a schema as state records it (DeployedVersion.schema().tree()). */
    public static InputSchema schema(JsonNode recorded) {
        return InputSchema.of(recorded, UserPatterns::compile);
    }

    /**
     * Checks {@code input} (canonical engine JSON) and returns it canonical with defaults applied;
     * throws dev.flowctl.runtime.InvalidInputException naming every violation.
     */
    public static CheckedInput check(List<InputSpec> applied, JsonNode input) {
        return schema(applied).check(input);
    }
}
