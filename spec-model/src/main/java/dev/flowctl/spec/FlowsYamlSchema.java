package dev.flowctl.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JSON Schema (draft 2020-12) of flows.yaml, for editors (completion and validation through
 * the YAML language server). It is built from the parser's own key lists and name rules, so it
 * cannot fall behind what {@link SpecParser} accepts; the parser stays the authority on meaning.
 */
public final class FlowsYamlSchema {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE_EXPRESSION = "^(string|int|float|bool|date|timestamp|enum|struct|[a-z][a-z0-9_]*"
            + "|list<.+>|map<\\s*string\\s*,.+>)$";

    private FlowsYamlSchema() {
    }

    public static ObjectNode schema() {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("title", "flows.yaml");
        root.put("description", "flowctl: every flow, every version of it that should be live, and each version's inputs.");
        ObjectNode props = object(root, SpecParser.TOP_KEYS);
        // A root flows.yaml names its project; an included team file holds only flows: (the same schema serves both).
        ArrayNode shapes = root.putArray("anyOf");
        ObjectNode rootFile = shapes.addObject().put("description", "A root flows.yaml: its flows, or include: of team files holding them.");
        rootFile.putArray("required").add("project");
        ArrayNode flowsSomewhere = rootFile.putArray("anyOf");
        flowsSomewhere.addObject().putArray("required").add("flows");
        flowsSomewhere.addObject().putArray("required").add("include");
        ObjectNode included = shapes.addObject();
        included.put("description", "A file the root flows.yaml includes: only flows:.");
        included.putArray("required").add("flows");
        included.putObject("propertyNames").putArray("enum").add("flows");
        name(props.putObject("project"), Names.PROJECT, "Prefixes every deployed name and proto package.");
        props.putObject("compatibility").put("$ref", "#/$defs/compatibility");
        props.putObject("state").put("$ref", "#/$defs/state");
        props.putObject("engine").put("$ref", "#/$defs/engine");
        ObjectNode envs = map(props.putObject("environments"), null, "Named environments (dev, stage, prod…), each overriding state and engine settings.");
        ObjectNode envProps = object(envs.putObject("additionalProperties"), SpecParser.ENV_KEYS);
        envProps.putObject("state").put("$ref", "#/$defs/state");
        envProps.putObject("engine").put("$ref", "#/$defs/engine");
        envProps.putObject("template").put("type", "boolean").put("description",
                "A template of preview environments: -e NAME, with NAME matching instances, makes one (see docs/operations.md).");
        envProps.putObject("instances").put("type", "string").put("pattern", "^[a-z][a-z0-9_-]*\\*[a-z0-9_-]*$").put("description",
                "The names a template's preview environments take, one '*' (default: the template's name followed by -*), e.g. pr-*.");
        map(props.putObject("types"), Names.TYPE, "Named types that narrow a built-in one, e.g. an S3 path pattern.")
                .putObject("additionalProperties").put("$ref", "#/$defs/customType");
        ObjectNode include = props.putObject("include");
        include.put("type", "array").put("description", "Globs relative to flows.yaml (e.g. teams/*/flows.yaml) of files that each hold "
                + "more flows: under the same project, types and settings; only the root file may include.");
        include.putObject("items").put("type", "string").put("minLength", 1);
        map(props.putObject("flows"), Names.FLOW, "Every flow, keyed by name.")
                .putObject("additionalProperties").put("$ref", "#/$defs/flow");
        String target = "^" + Names.FLOW.pattern() + "(@" + Names.VERSION.pattern() + ")?$";
        ObjectNode moved = props.putObject("moved");
        moved.put("type", "array").put("description", "Renames recorded in state, without redeploying: from the old flow@version "
                + "(or flow) to the new one. Keep an entry after it was applied; it then does nothing.");
        ObjectNode movedItem = moved.putObject("items");
        ObjectNode movedProps = object(movedItem, RefactoringBlocks.MOVED_KEYS);
        movedItem.putArray("required").add("from").add("to");
        movedProps.putObject("from").put("type", "string").put("pattern", target).put("description", "The old name, as state records it.");
        movedProps.putObject("to").put("type", "string").put("pattern", target).put("description", "The new name, declared under flows:.");
        ObjectNode removed = props.putObject("removed");
        removed.put("type", "array").put("description", "Versions state forgets without deleting them from the engine.");
        ObjectNode removedItem = removed.putObject("items");
        ObjectNode removedProps = object(removedItem, RefactoringBlocks.REMOVED_KEYS);
        removedItem.put("minProperties", 1).put("maxProperties", 1);
        removedProps.putObject("version").put("type", "string").put("pattern", "^" + Names.FLOW.pattern() + "@" + Names.VERSION.pattern() + "$")
                .put("description", "One flow@version to forget.");
        removedProps.putObject("flow").put("type", "string").put("pattern", anchored(Names.FLOW)).put("description", "Forget every version of this flow.");

        ObjectNode defs = root.putObject("$defs");
        ObjectNode modes = defs.putObject("compatibility");
        modes.put("description", "Which callers a schema change must keep working (default: backward).");
        ArrayNode ids = modes.putArray("enum");
        for (CompatibilityMode m : CompatibilityMode.values()) ids.add(m.id());
        settings(defs.putObject("state"), SpecParser.STATE_KEYS, "Where the applied state lives (backend: local or s3).");
        settings(defs.putObject("engine"), SpecParser.ENGINE_KEYS, "The flow engine that deploys versions (type: local, stepfunctions, command…).");

        ObjectNode custom = defs.putObject("customType");
        ObjectNode customProps = object(custom, InputParser.TYPE_KEYS);
        custom.putArray("required").add("base");
        customProps.putObject("base").putArray("enum").add("string").add("int").add("float").add("date").add("timestamp");
        customProps.putObject("pattern").put("type", "string").put("description",
                "A regular expression in RE2 syntax (no backreferences or lookaround) the whole value must match (base: string).")
                .put("maxLength", UserPatterns.MAX_LENGTH);
        customProps.putObject("min").put("type", "number");
        customProps.putObject("max").put("type", "number");
        customProps.putObject("description").put("type", "string");

        ObjectNode flow = defs.putObject("flow");
        ObjectNode flowProps = object(flow, SpecParser.FLOW_KEYS);
        flow.putArray("required").add("versions");
        flowProps.putObject("owner").put("type", "string").put("description", "The team that owns the flow.");
        flowProps.putObject("description").put("type", "string");
        flowProps.putObject("source").put("type", "string").put("description", "Flow code, a file or directory relative to flows.yaml; versions may override it.");
        flowProps.putObject("compatibility").put("$ref", "#/$defs/compatibility");
        flowProps.putObject("sourceCheck").put("type", "boolean").put("description",
                "Compare a Metaflow source's Parameters with each version's inputs (default: true); versions may override it.");
        flowProps.putObject("protect").put("type", "boolean").put("description",
                "Once applied, deleting the flow blocks the plan until an applied change removes this flag (default: false).");
        map(flowProps.putObject("versions"), Names.VERSION, "The versions that should be live; removing one deletes it.")
                .putObject("additionalProperties").put("$ref", "#/$defs/version");

        ObjectNode version = defs.putObject("version");
        ObjectNode versionProps = object(version, SpecParser.VERSION_KEYS);
        versionProps.putObject("source").put("type", "string").put("description", "Flow code for this version, relative to flows.yaml.");
        versionProps.putObject("definition").put("type", "string").put("description", "An engine definition file, e.g. a Step Functions ASL document.");
        versionProps.putObject("engine").put("$ref", "#/$defs/engine");
        versionProps.putObject("description").put("type", "string");
        versionProps.putObject("sourceCheck").put("type", "boolean").put("description",
                "Compare a Metaflow source's Parameters with the inputs (default: the flow's, else true).");
        versionProps.putObject("inputs").put("$ref", "#/$defs/inputs");
        versionProps.putObject("protect").put("type", "boolean").put("description",
                "Once applied, deleting the version blocks the plan until an applied change removes this flag (default: false).");
        ObjectNode deprecated = versionProps.putObject("deprecated");
        object(deprecated, SpecParser.DEPRECATED_KEYS);
        deprecated.put("description", "Callers should move off this version: plan warns, contracts and the gateway say so.");
        deprecated.put("minProperties", 1);
        ObjectNode deprecatedProps = (ObjectNode) deprecated.get("properties");
        deprecatedProps.putObject("replacement").put("type", "string").put("pattern", anchored(Names.VERSION))
                .put("description", "The version of the same flow callers should move to.");
        deprecatedProps.putObject("sunset").put("type", "string").put("format", "date")
                .put("description", "The date (YYYY-MM-DD) after which the version may be deleted.");
        deprecatedProps.putObject("reason").put("type", "string");

        map(defs.putObject("inputs"), Names.INPUT, "The version's typed inputs, keyed by name.")
                .putObject("additionalProperties").put("$ref", "#/$defs/input");
        ObjectNode input = defs.putObject("input");
        ObjectNode inputProps = object(input, InputParser.INPUT_KEYS);
        input.putArray("required").add("type");
        inputProps.putObject("type").put("type", "string").put("pattern", TYPE_EXPRESSION)
                .put("description", "string, int, float, bool, date, timestamp, enum, struct, list<T>, map<string,T> or a name under types:.");
        inputProps.putObject("required").put("type", "boolean").put("description", "Callers must send it (default: false).");
        inputProps.putObject("default").put("description", "The value used when a caller leaves the input out; makes it optional.");
        inputProps.putObject("description").put("type", "string");
        ObjectNode values = inputProps.putObject("values");
        values.put("type", "array").put("minItems", 1).put("description", "The values of an enum.");
        values.putObject("items").put("type", "string").put("pattern", anchored(Names.ENUM_VALUE));
        inputProps.putObject("fields").put("$ref", "#/$defs/inputs").put("description", "The fields of a struct.");
        return root;
    }

    /** The schema as pretty JSON with a trailing newline, exactly as committed in flows.schema.json. */
    public static String text() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(schema()) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode object(ObjectNode node, Set<String> keys) {
        node.put("type", "object");
        node.put("additionalProperties", false);
        ObjectNode props = node.putObject("properties");
        // every key the parser accepts, so a key added there is never refused here
        // (sorted: some key sets are Set.of, whose order changes from run to run)
        keys.stream().sorted().forEach(props::putObject);
        return props;
    }

    private static ObjectNode map(ObjectNode node, Pattern keys, String description) {
        node.put("type", "object");
        if (description != null) node.put("description", description);
        if (keys != null) node.putObject("propertyNames").put("pattern", anchored(keys));
        return node;
    }

    private static void name(ObjectNode node, Pattern rule, String description) {
        node.put("type", "string").put("pattern", anchored(rule)).put("description", description);
    }

    /** Settings are open values (strings, numbers, maps for env…) under a closed set of keys. */
    private static void settings(ObjectNode node, Collection<String> keys, String description) {
        node.put("type", "object");
        node.put("description", description);
        node.put("additionalProperties", false);
        ObjectNode props = node.putObject("properties");
        keys.stream().sorted().forEach(props::putObject);
    }

    private static String anchored(Pattern p) {
        return "^" + p.pattern() + "$";
    }
}
