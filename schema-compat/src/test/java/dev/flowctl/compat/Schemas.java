package dev.flowctl.compat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.spec.InputSpec;
import dev.flowctl.spec.SchemaJson;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads input schemas for tests through the real flows.yaml parser, as a user would write them. */
final class Schemas {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Schemas() {
    }

    /**
     * The inputs of a fragment holding {@code inputs:} and optionally {@code types:}, parsed as the
     * one version {@code fleet@v1} of a flows.yaml.
     */
    static List<InputSpec> parse(String fragment) {
        Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(fragment);
        DumperOptions flow = new DumperOptions();
        flow.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
        flow.setWidth(Integer.MAX_VALUE);
        Yaml dumper = new Yaml(flow);
        StringBuilder text = new StringBuilder("project: fixtures\n");
        if (doc.get("types") != null) text.append("types: ").append(dumper.dump(doc.get("types")));
        Object inputs = doc.get("inputs");
        text.append("flows:\n  fleet:\n    source: pom.xml\n    versions:\n      v1:\n        inputs: ")
                .append(inputs == null ? "{}\n" : dumper.dump(inputs));
        Spec spec = SpecParser.parse(Path.of("flows.yaml"), text.toString());
        return (spec.flows().get("fleet").versions().get("v1").inputs());
    }

    /** A fixture file: {@code .yaml} as a flows.yaml fragment, {@code .json} as a schema recorded in state. */
    static List<InputSpec> read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return file.toString().endsWith(".json") ? SchemaJson.fromJson(JSON.readTree(text)) : parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema as the planner sees a deployed one: written to state and read back. */
    static List<InputSpec> viaState(List<InputSpec> inputs) {
        return SchemaJson.fromJson(SchemaJson.toJson(inputs));
    }
}
