package dev.flowctl.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The problems of flows.yaml (none when it is valid) for programs and CI: text keeps them on stderr as
 * {@code flows.yaml:12:7: …}; json, github and gitlab write them to stdout from the same {@link Annotation}s.
 */
public final class ProblemRenderers {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ProblemRenderers() {
    }

    /** The problems in {@code format}, or null for the formats that leave them to the text on stderr. */
    public static String render(OutputFormat format, List<dev.flowctl.spec.SpecProblem> problems) {
        List<Annotation> all = Annotation.ofProblems(problems);
        return switch (format) {
            case TEXT, MARKDOWN -> null;
            case JSON -> json(all);
            case GITHUB -> CiAnnotations.github(all);
            case GITLAB -> CiAnnotations.gitlab(all, CiAnnotations.fileOf(all));
        };
    }

    private static String json(List<Annotation> problems) {
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", "validation");
        root.put("valid", problems.isEmpty());
        ArrayNode list = root.putArray("problems");
        for (Annotation a : problems) {
            ObjectNode n = list.addObject();
            n.put("code", a.check());
            n.put("message", a.message());
            JsonPlanRenderer.position(n, a.position());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
