package dev.flowctl.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.util.JsonFormat;
import dev.flowctl.runtime.InputSchema;
import dev.flowctl.runtime.InputViolation;
import dev.flowctl.runtime.InvalidInputException;
import dev.flowctl.spec.RunInputs;
import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import dev.flowctl.spec.VersionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated Python contracts, run by the machine's python3, against flowctl's own check and
 * mapping: for a table of inputs of the golden spec (every type), the Python check accepts and
 * refuses exactly what runtime's InputSchema does, with the same paths and messages, and the same
 * canonical JSON; proto3 JSON maps as ProtoInputs maps it and prints as protobuf's JsonFormat
 * prints the message. Skipped, saying so, where python3 is absent; mypy --strict likewise.
 */
class PythonContractTest {
    private static final ObjectMapper M = new ObjectMapper();
    private static final String MODULE = "risk.flows.fleet_features.v1";
    private static final String OK = "\"fleet_id\":\"f\",\"output\":\"s3://bucket/x\"";

    @TempDir
    static Path dir;

    private static String python;
    private static Spec golden;
    private static Path root;
    private static InputSchema schema;
    private static ProtoInputs mapping;

    @BeforeAll
    static void generate() throws Exception {
        python = findPython();
        golden = SpecParser.parse(Specs.golden().resolve("flows.yaml"));
        Path out = dir.resolve("gen");
        Codegen.generate(new Codegen.Request(golden, out, dir.resolve("flows.lock"), Set.of(Language.PYTHON, Language.PROTO)));
        root = out.resolve("python");
        VersionSpec v = golden.versions().get(0);
        schema = RunInputs.schema(v.inputs());
        mapping = ProtoInputs.of(Codegen.render(golden, FlowsLock.parse(Files.readString(dir.resolve("flows.lock")), "flows.lock"),
                Set.of(Language.PROTO))).get("fleet_features@v1");
    }

    /** python3 if it runs, else null (and every test here is skipped, saying why). */
    private static String findPython() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys; assert sys.version_info >= (3, 8)").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0 ? "python3" : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    private static void assumePython() {
        assumeTrue(python != null, "python3 (3.8 or later) is not on the PATH: the generated Python contracts are not run here");
    }

    private static String run(List<String> args) throws Exception {
        return run(root, args);
    }

    /** Runs python3 with the generated packages under {@code pythonRoot} on its path; returns stdout, failing with stderr if it exits non-zero. */
    private static String run(Path pythonRoot, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(python));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("PYTHONPATH", pythonRoot.toString());
        pb.environment().put("MYPYPATH", pythonRoot.toString());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        Process p = pb.start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, p.exitValue(), () -> "python3 " + args + " failed: " + Specs.read(dir.resolve("stderr.txt")));
        return stdout;
    }

    private static Path script(String name) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = PythonContractTest.class.getResourceAsStream("/python/" + name)) {
            Files.write(target, in.readAllBytes());
        }
        return target;
    }

    /** What the Python driver made of each case ({@code json} or {@code proto} input text), in order. */
    private static List<JsonNode> python(String op, List<String> inputs) throws Exception {
        ArrayNode cases = M.createArrayNode();
        for (String input : inputs) {
            cases.addObject().put("module", MODULE).put("class", "FleetFeaturesInput").put("op", op).put("input", input);
        }
        Path file = dir.resolve("cases-" + op + ".json");
        Files.writeString(file, M.writeValueAsString(cases));
        List<JsonNode> out = new ArrayList<>();
        M.readTree(run(List.of(script("driver.py").toString(), file.toString()))).forEach(out::add);
        return out;
    }

    private static ArrayNode violations(List<InputViolation> violations) {
        ArrayNode a = M.createArrayNode();
        violations.forEach(v -> a.addArray().add(v.path()).add(v.message()));
        return a;
    }

    /** Bad inputs: every rule, at every depth, several at once, and text that is no JSON object. */
    static List<String> badInputs() {
        return List.of(
                "{}",
                "{\"fleet_id\":7,\"output\":\"s3://bucket/x\"}",
                "{\"fleet_id\":\"f\",\"output\":\"/tmp/x\"}",
                "{\"fleet_id\":\"f\",\"output\":\"s3://bucket/x\\n\"}",
                "{" + OK + ",\"months\":0}", "{" + OK + ",\"months\":121}", "{" + OK + ",\"months\":2.0}",
                "{" + OK + ",\"months\":\"24\"}", "{" + OK + ",\"months\":99999999999999999999}", "{" + OK + ",\"months\":1e2}",
                "{" + OK + ",\"mode\":\"FULL\"}", "{" + OK + ",\"mode\":1}", "{" + OK + ",\"mode\":[\"fast\"]}",
                "{" + OK + ",\"dry_run\":\"true\"}", "{" + OK + ",\"dry_run\":0}",
                "{" + OK + ",\"as_of\":\"2023-02-29\"}", "{" + OK + ",\"as_of\":\"29/02/2024\"}", "{" + OK + ",\"as_of\":\"0000-01-01\"}",
                "{" + OK + ",\"as_of\":\"2024-1-01\"}",
                "{" + OK + ",\"received_after\":\"2024-01-31T12:00:00\"}", "{" + OK + ",\"received_after\":0}",
                "{" + OK + ",\"received_after\":\"2024-01-31 12:00:00Z\"}", "{" + OK + ",\"received_after\":\"2024-01-31T24:00:00Z\"}",
                "{" + OK + ",\"received_after\":\"9999-12-31T23:30:00-01:00\"}", "{" + OK + ",\"received_after\":\"2024-01-31T12:00:00+19:00\"}",
                "{" + OK + ",\"received_after\":\"2024-01-31T12:00:00+0100\"}", "{" + OK + ",\"received_after\":\"2024-01-31T12:00:60Z\"}",
                "{" + OK + ",\"threshold\":1.0000001}", "{" + OK + ",\"threshold\":-0.5}", "{" + OK + ",\"threshold\":1e400}",
                "{" + OK + ",\"threshold\":\"0.5\"}", "{" + OK + ",\"threshold\":12345678.9}", "{" + OK + ",\"threshold\":-1e-7}",
                "{" + OK + ",\"weather_sources\":[\"noaa\",\"nasa\"]}", "{" + OK + ",\"weather_sources\":[null]}",
                "{" + OK + ",\"weather_sources\":\"noaa\"}",
                "{" + OK + ",\"reviewers\":{\"alice\":\"3\",\"bob\\\"\":null}}", "{" + OK + ",\"reviewers\":[3]}",
                "{" + OK + ",\"paths\":[\"s3://abc/1\",\"file:///x\"]}",
                "{" + OK + ",\"limits\":{}}", "{" + OK + ",\"limits\":{\"max_rows\":10,\"priority\":\"urgent\"}}",
                "{" + OK + ",\"limits\":{\"max_rows\":10,\"window\":{\"days\":\"3\",\"start\":\"yesterday\",\"hours\":1}}}",
                "{" + OK + ",\"limits\":[]}",
                "{" + OK + ",\"fleet\":\"f\",\"extra\":{\"a\":[1,2.5,true,null,\"x\"]}}",
                "{" + OK + ",\"paths\":[\"" + "s3://x/".repeat(30) + "\"]}",
                "{\"fleet_id\":\"\u00e9\u20ac\ud83d\ude00\",\"output\":\"\u00e9\ud83d\ude00" + "x".repeat(90) + "\"}",
                "[]", "\"text\"", "42", "null", "", "   ",
                "{" + OK + "} trailing", "{" + OK + "} {}", "{" + OK + "}[1]", "{" + OK + "}\n\"x\"");
    }

    /** Valid inputs: each type at its edges, defaults to apply, forms the check rewrites. */
    static List<String> goodInputs() {
        return List.of(
                "{" + OK + "}",
                "{" + OK + ",\"mode\":null,\"months\":null}",
                "{" + OK + ",\"months\":1,\"mode\":\"full\",\"dry_run\":false,\"as_of\":\"2024-02-29\"}",
                "{" + OK + ",\"months\":120,\"threshold\":1,\"weather_sources\":[]}",
                "{" + OK + ",\"threshold\":0,\"received_after\":\"2024-01-31T13:00:00.5+01:00\"}",
                "{" + OK + ",\"threshold\":-0.0,\"received_after\":\"2024-01-31t12:00:00.123456789z\"}",
                "{" + OK + ",\"received_after\":\"0001-01-01T00:30:00+00:30\"}",
                "{" + OK + ",\"received_after\":\"2024-01-31T12:00:00.1200Z\"}",
                "{" + OK + ",\"received_after\":\"2024-01-31T12:00Z\"}",
                "{" + OK + ",\"weather_sources\":[\"noaa\",\"meteomatics\",\"noaa\"],\"reviewers\":{\"alice\":3,\"\":-9223372036854775808}}",
                "{" + OK + ",\"paths\":[\"s3://abc/1\",\"s3://abc/\"],\"threshold\":0.1000000000000000055511151231257827}",
                "{" + OK + ",\"limits\":{\"max_rows\":10}}",
                "{" + OK + ",\"limits\":{\"max_rows\":9223372036854775807,\"window\":{\"start\":\"2024-01-01T00:00:00+14:00\"}}}",
                "{\"output\":\"s3://bucket/x\",\"fleet_id\":\"\u00e9\",\"fleet_id\":\"f\"}",
                " \t{" + OK + "}\r\n ");
    }

    @Test
    void pythonRefusesWhatFlowctlRefusesWithTheSamePathsAndMessages() throws Exception {
        assumePython();
        List<String> inputs = badInputs();
        List<JsonNode> results = python("json", inputs);
        for (int i = 0; i < inputs.size(); i++) {
            ArrayNode expected;
            try {
                schema.check(inputs.get(i));
                throw new AssertionError("the golden table's bad input passes flowctl's check: " + inputs.get(i));
            } catch (InvalidInputException e) {
                expected = violations(e.violations());
            }
            JsonNode got = results.get(i).path("violations");
            if (expected.size() == 1 && expected.get(0).get(1).asText().startsWith("is not valid JSON: ")) {
                // The parsers word their errors differently; what is refused, and where, agree.
                assertEquals(1, got.size(), inputs.get(i));
                assertTrue(got.get(0).get(1).asText().startsWith("is not valid JSON: "), got + " for " + inputs.get(i));
                continue;
            }
            assertEquals(expected, got, "violations of " + inputs.get(i));
        }
    }

    @Test
    void pythonAcceptsWhatFlowctlAcceptsAsTheSameCanonicalJson() throws Exception {
        assumePython();
        List<String> inputs = goodInputs();
        List<JsonNode> results = python("json", inputs);
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode expected = schema.check(inputs.get(i)).json();
            JsonNode got = results.get(i);
            assertEquals(expected, got.path("canonical"), "canonical JSON of " + inputs.get(i) + ": " + got);
            assertEquals(expected, got.path("typed"), "canonical JSON of the typed object read from " + inputs.get(i));
            assertEquals(M.readTree(JsonFormat.printer().print(mapping.message(expected))), got.path("proto"),
                    "proto3 JSON of " + inputs.get(i));
        }
    }

    @Test
    void proto3JsonMapsAsProtoInputsMapsIt() throws Exception {
        assumePython();
        List<String> inputs = new ArrayList<>();
        for (String good : goodInputs()) {
            // Every valid input as protobuf prints it, with enums as names and as numbers.
            JsonNode canonical = schema.check(good).json();
            inputs.add(JsonFormat.printer().print(mapping.message(canonical)));
            inputs.add(JsonFormat.printer().printingEnumsAsInts().print(mapping.message(canonical)));
        }
        inputs.addAll(List.of(
                "{\"fleetId\":\"f\",\"output\":\"s3://bucket/x\",\"months\":\"36\",\"threshold\":\"0.5\",\"mode\":\"MODE_FULL\"}",
                "{\"fleetId\":\"f\",\"fleet_id\":\"g\",\"output\":\"s3://bucket/x\"}",
                "{\"fleetId\":\"f\",\"output\":\"s3://bucket/x\",\"mode\":\"MODE_UNSPECIFIED\",\"weatherSources\":[\"WEATHER_SOURCES_NOAA\",0]}",
                "{\"fleetId\":\"f\",\"output\":\"s3://bucket/x\",\"mode\":0,\"months\":\"+7\",\"dryRun\":true}",
                "{\"fleetId\":\"f\",\"output\":\"s3://bucket/x\",\"mode\":\"MODE_TURBO\",\"months\":\"many\",\"threshold\":\"1e400\"}",
                "{\"fleetId\":\"f\",\"output\":\"s3://bucket/x\",\"months\":\"9223372036854775808\",\"mode\":2.0}",
                "{\"fleetId\":\"f\",\"output\":\"s3://bucket/x\",\"limits\":{\"maxRows\":\"5\",\"priority\":\"PRIORITY_HIGH\",\"window\":{\"days\":\"2\"}}}",
                "{\"fleetId\":\"f\",\"output\":\"s3://bucket/x\",\"reviewers\":{\"a\":\"1\"},\"asOf\":\"2024-02-29\",\"receivedAfter\":\"2024-01-31T12:00:00Z\"}",
                "{\"fleetId\":\"f\",\"output\":\"s3://bucket/x\",\"unknownThing\":1}",
                "[\"fleetId\"]", "{"));
        List<JsonNode> results = python("proto", inputs);
        for (int i = 0; i < inputs.size(); i++) {
            String input = inputs.get(i);
            JsonNode got = results.get(i);
            JsonNode parsed;
            try {
                parsed = M.readTree(input);
            } catch (IOException e) {
                assertTrue(got.path("violations").get(0).get(1).asText().startsWith("is not valid JSON: "), got.toString());
                continue;
            }
            try {
                JsonNode expected = schema.check(mapping.canonicalSpelling(parsed)).json();
                assertEquals(expected, got.path("canonical"), "canonical JSON of proto3 JSON " + input + ": " + got);
                assertEquals(expected, got.path("typed"), "typed object of proto3 JSON " + input);
                assertEquals(M.readTree(JsonFormat.printer().print(mapping.message(expected))), got.path("proto"), "proto3 JSON back, of " + input);
            } catch (InvalidInputException e) {
                assertEquals(violations(e.violations()), got.path("violations"), "violations of proto3 JSON " + input);
            }
        }
    }

    @Test
    void aPythonCallerBuildsTheCanonicalJsonFlowctlWouldSend() throws Exception {
        assumePython();
        JsonNode out = M.readTree(run(List.of(script("build_fleet_features.py").toString())));
        List<String> same = List.of(
                "{\"fleet_id\":\"f-1\",\"output\":\"s3://bucket/x\"}",
                "{\"fleet_id\":\"f-2\",\"output\":\"s3://bucket/y\",\"months\":36,\"mode\":\"full\",\"dry_run\":true,\"as_of\":\"2024-02-29\","
                        + "\"received_after\":\"2024-01-31T13:00:00.5+01:00\",\"threshold\":0.25,\"weather_sources\":[\"meteomatics\",\"noaa\"],"
                        + "\"reviewers\":{\"alice\":3,\"bob\":0},\"paths\":[\"s3://abc/1\",\"s3://abc/2\"],"
                        + "\"limits\":{\"max_rows\":10,\"priority\":\"high\",\"window\":{\"start\":\"2024-01-01T00:00:00.123456789Z\"}}}",
                "{\"fleet_id\":\"f-3\",\"output\":\"s3://bucket/z\",\"limits\":{\"max_rows\":1},\"received_after\":\"2024-01-31T12:00:00.000000001Z\"}");
        for (int i = 0; i < same.size(); i++) {
            String text = out.get("built").get(i).asText();
            ObjectNode expected = schema.check(same.get(i)).json();
            assertEquals(expected, M.readTree(text), "Python built " + text);
            // Member for member in flowctl's order, so the text differs at most in how floats are written.
            assertEquals(List.copyOf(iterable(expected)), List.copyOf(iterable(M.readTree(text))));
        }
        ArrayNode refused;
        try {
            schema.check("{\"output\":\"/tmp/x\",\"months\":0,\"limits\":{}}");
            throw new AssertionError("accepted");
        } catch (InvalidInputException e) {
            refused = violations(e.violations());
        }
        assertEquals(refused, out.get("refused"));
    }

    private static List<String> iterable(JsonNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theExampleSpecGeneratesModulesThatImportAndCheck() throws Exception {
        assumePython();
        Spec example = SpecParser.parse(Path.of("../flows.yaml.example").toAbsolutePath().normalize());
        Path out = dir.resolve("example");
        Codegen.generate(new Codegen.Request(example, out, dir.resolve("example.lock"), Set.of(Language.PYTHON)));
        StringBuilder code = new StringBuilder("import importlib, json\nout = {}\n");
        for (VersionSpec v : example.versions()) {
            code.append("m = importlib.import_module('").append(example.project()).append(".flows.").append(v.flow()).append('.').append(v.name())
                    .append("')\nout['").append(v.address()).append("'] = [[x.path, x.message] for x in m.SCHEMA.violations({'no_such_input': 1})]\n");
        }
        code.append("print(json.dumps(out))\n");
        String stdout = run(out.resolve("python"), List.of("-c", code.toString()));
        JsonNode got = M.readTree(stdout);
        for (VersionSpec v : example.versions()) {
            ObjectNode input = M.createObjectNode().put("no_such_input", 1);
            assertEquals(violations(RunInputs.schema(v.inputs()).violations(input)), got.get(v.address().toString()), v.address().toString());
        }
    }

    @Test
    void mypyStrictFindsNothing() throws Exception {
        assumePython();
        Process p = new ProcessBuilder(python, "-m", "mypy", "--version").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assumeTrue(p.waitFor() == 0, "mypy is not installed for python3 (python3 -m mypy): the type check of the generated Python is skipped");
        String stdout = run(List.of("-m", "mypy", "--strict", "--python-version", "3.8", "-p", "flowctl_contract", "-p", "risk"));
        assertTrue(stdout.contains("Success"), stdout);
    }
}
