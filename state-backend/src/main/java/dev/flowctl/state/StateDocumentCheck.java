package dev.flowctl.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowctl.json.CanonicalJson;
import dev.flowctl.spec.SchemaJson;
import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Function;

/**
 * What a decoded state must hold before anything else reads it: every field a reader relies on
 * is present and well-formed, and every recorded schema reads back with the spec model's own
 * reader. A hand-edited or truncated state is refused here, with the place that is wrong, rather
 * than failing later inside the planner.
 */
final class StateDocumentCheck {
    private StateDocumentCheck() {
    }

    /** The first problem found, as "{@code <where in the document>} <what is wrong>", or null. */
    static String firstProblem(StateDocument d) {
        return firstProblem(d, recorded -> null);
    }

    /**
     * As {@link #firstProblem(StateDocument)}, checking a recorded schema on the tree {@code readTrees}
     * returns for it (the one it was decoded from) and parsing its text only where that gives null.
     */
    static String firstProblem(StateDocument d, Function<CanonicalJson, JsonNode> readTrees) {
        if (blank(d.lineage())) return "lineage is missing";
        if (d.serial() < 0) return "serial is negative (" + d.serial() + ")";
        if (blank(d.project())) return "project is missing";
        if (d.environment() != null && d.environment().isBlank()) return "environment is empty";
        for (Map.Entry<String, DeployedVersion> e : d.versions().entrySet()) {
            String at = "versions." + e.getKey();
            String problem = version(e.getKey(), e.getValue(), readTrees);
            if (problem != null) return at + problem;
        }
        for (Map.Entry<String, Tombstone> e : d.tombstones().entrySet()) {
            String at = "tombstones." + e.getKey();
            Tombstone t = e.getValue();
            if (t == null) return at + " is null";
            String problem = address(e.getKey(), t.flow(), t.version());
            if (problem == null && t.lastSchema() != null) problem = schema(".lastSchema", t.lastSchema(), readTrees);
            if (problem != null) return at + problem;
        }
        return null;
    }

    private static String version(String key, DeployedVersion v, Function<CanonicalJson, JsonNode> readTrees) {
        if (v == null) return " is null";
        String problem = address(key, v.flow(), v.version());
        if (problem != null) return problem;
        if (blank(v.sourceHash())) return ".sourceHash is missing";
        if (blank(v.engineType())) return ".engineType is missing";
        if (blank(v.engineSettingsHash())) return ".engineSettingsHash is missing";
        if (blank(v.engineRef())) return ".engineRef is missing";
        if (v.deployedAt() == null) return ".deployedAt is missing";
        if (v.deployedAs() != null && !v.deployedAs().matches("[^@\\s]+@[^@\\s]+")) return ".deployedAs is not flow@version";
        problem = schema(".schema", v.schema(), readTrees);
        for (int i = 0; problem == null && i < v.schemaHistory().size(); i++) {
            problem = schema(".schemaHistory[" + i + "]", v.schemaHistory().get(i), readTrees);
        }
        return problem;
    }

    private static String address(String key, String flow, String version) {
        if (blank(flow)) return ".flow is missing";
        if (blank(version)) return ".version is missing";
        if (!key.equals(flow + "@" + version)) return " records flow '" + flow + "' version '" + version + "' under another name";
        return null;
    }

    /** A recorded input schema: the canonical form {@link SchemaJson#toJson} writes, and that it reads back. */
    private static String schema(String at, CanonicalJson recorded, Function<CanonicalJson, JsonNode> readTrees) {
        JsonNode read = recorded == null ? null : readTrees.apply(recorded);
        JsonNode schema = read != null ? read : recorded == null ? null : recorded.tree();
        if (schema == null || schema.isNull()) return at + " is missing";
        String problem = inputs(at, schema);
        if (problem != null) return problem;
        try {
            SchemaJson.fromJson(schema);
            return null;
        } catch (RuntimeException e) {
            return at + " is not a readable input schema (" + e.getMessage() + ")";
        }
    }

    private static String inputs(String at, JsonNode inputs) {
        if (!inputs.isArray()) return at + " is not a list of inputs";
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode input = inputs.get(i);
            String here = at + "[" + i + "]";
            if (!input.isObject()) return here + " is not an input";
            if (!input.path("name").isTextual() || input.get("name").asText().isBlank()) return here + ".name is missing";
            String problem = type(here + ".type", input.get("type"));
            if (problem != null) return problem;
        }
        return null;
    }

    private static String type(String at, JsonNode type) {
        if (type == null || !type.isObject() || !type.path("kind").isTextual()) return at + " has no kind";
        switch (type.get("kind").asText()) {
            case "enum" -> {
                if (!type.path("values").isArray()) return at + ".values is not a list";
                for (JsonNode v : type.get("values")) if (!v.isTextual()) return at + ".values holds a non-string " + v;
                return null;
            }
            case "list" -> {
                return type(at + ".element", type.get("element"));
            }
            case "map" -> {
                String problem = type(at + ".key", type.get("key"));
                return problem != null ? problem : type(at + ".value", type.get("value"));
            }
            case "struct" -> {
                return type.get("fields") == null ? at + ".fields is missing" : inputs(at + ".fields", type.get("fields"));
            }
            case "custom" -> {
                if (!type.path("name").isTextual()) return at + ".name is missing";
                if (!type.path("base").isTextual()) return at + ".base is missing";
                for (String bound : new String[] {"min", "max"}) {
                    JsonNode b = type.get(bound);
                    if (b == null || b.isNull()) continue;
                    try {
                        new BigDecimal(b.asText());
                    } catch (NumberFormatException e) {
                        return at + "." + bound + " is not a number";
                    }
                }
                return null;
            }
            default -> {
                return null; // a primitive: the schema reader checks the name
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
