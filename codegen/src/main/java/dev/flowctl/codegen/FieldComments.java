package dev.flowctl.codegen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.spec.InputSpec;
import dev.flowctl.spec.TypeRef;
import java.util.ArrayList;
import java.util.List;

/** The comment above a generated field: the description, then what proto3 cannot express. */
final class FieldComments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FieldComments() {
    }

    static String of(InputSpec in, TypeRef element) {
        List<String> lines = new ArrayList<>();
        if (in.description() != null && !in.description().isBlank()) lines.add(in.description().strip());
        if (in.required()) {
            lines.add("Required: flowctl refuses a run without it.");
        } else if (in.hasDefault()) {
            lines.add("Optional; default " + json(in.defaultValue()) + ".");
        } else {
            lines.add("Optional.");
        }
        lines.add("flows.yaml type: " + in.type().display() + ".");
        if (element instanceof TypeRef.CustomType c) {
            if (c.pattern() != null) lines.add("Must match " + c.pattern());
            if (c.min() != null || c.max() != null) {
                lines.add("Range: " + (c.min() == null ? "any" : c.min().toPlainString()) + " to "
                        + (c.max() == null ? "any" : c.max().toPlainString()) + " inclusive.");
            }
            element = c.base();
        }
        if (element == TypeRef.Primitive.DATE) lines.add("A calendar date written YYYY-MM-DD (ISO 8601).");
        return String.join("\n", lines);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
