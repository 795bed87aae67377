package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowctl.state.StateCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * flowctl reads only its own state: a malformed --state, a mistyped directory, another project's
 * or environment's state, or a damaged state file each stop the command with one sentence and
 * exit 1, and leave the state as it was.
 */
class StateSafetyTest {
    @TempDir
    Path dir;

    private static final String URI_FORMS = "write s3://BUCKET/KEY, file:PATH or a local path.";

    private Path applied(Project p, String... args) {
        Cli.Result r = p.run(Stream.concat(Stream.of("apply", "--auto-approve"), Stream.of(args)).toArray(String[]::new));
        assertEquals(ExitCode.OK, r.code(), r::toString);
        return dir.resolve(".flowctl/state.json");
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.sorted().toList();
        }
    }

    @Test
    void aMalformedStateUriIsRefusedInsteadOfBecomingALocalPath() throws IOException {
        Project p = new Project(dir);
        List<Path> before = files();
        for (String uri : List.of("s3:/acme/risk.json", "S3://acme/risk.json", "ftp://host/state.json", "file:", "gs://b/k")) {
            for (String command : List.of("plan", "apply --auto-approve", "state show", "import scoring@v1 ref")) {
                List<String> args = new ArrayList<>(List.of(command.split(" ")));
                args.addAll(List.of("--state", uri));
                Cli.Result r = p.run(args.toArray(String[]::new));
                assertEquals(ExitCode.ERROR, r.code(), r::toString);
                assertEquals("Error: --state " + uri + " is not a state location flowctl knows; " + URI_FORMS + " [FLOWCTL-E0208]\n", r.err());
            }
        }
        for (String uri : List.of("s3://acme", "s3://acme/", "s3:///risk.json")) {
            Cli.Result r = p.run("plan", "--state", uri);
            assertEquals(ExitCode.ERROR, r.code(), r::toString);
            assertEquals("Error: --state " + uri + " is not an S3 state URI; write s3://BUCKET/KEY, e.g. "
                    + "s3://acme-flowctl/risk/prod.json. [FLOWCTL-E0208]\n", r.err());
        }
        assertEquals(before, files(), "nothing was created");
    }

    @Test
    void aStatePathInADirectoryThatDoesNotExistIsRefused() throws IOException {
        Project p = new Project(dir);
        List<Path> before = files();
        Path typo = dir.resolve("sate").resolve("prod.json");
        String refusal = "Error: the directory " + typo.getParent() + " of the state file prod.json does not exist; fix the path "
                + "(--state, or state.path in flows.yaml), or create the directory if a new state belongs there. [FLOWCTL-E0200]\n";
        for (String command : List.of("plan", "apply", "drift", "state show")) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.addAll(List.of("--state", "sate/prod.json"));
            if (command.equals("apply")) args.add("--auto-approve");
            Cli.Result r = p.run(args.toArray(String[]::new));
            assertEquals(ExitCode.ERROR, r.code(), r::toString);
            assertEquals(refusal, r.err(), command);
        }
        Cli.write(p.flows, Project.V1.replace("engine:", "state: { backend: local, path: sate/prod.json }\nengine:"));
        Cli.Result fromYaml = p.run("apply", "--auto-approve");
        assertEquals(ExitCode.ERROR, fromYaml.code(), fromYaml::toString);
        assertEquals(refusal, fromYaml.err());
        before = new ArrayList<>(before);
        assertEquals(before.size(), files().size(), "no directory, state or deployment was created: " + files());

        Files.createDirectories(typo.getParent());
        assertEquals(ExitCode.OK, p.run("apply", "--auto-approve").code(), "once the directory exists, a new state starts there");
        assertTrue(Files.exists(typo));
    }

    @Test
    void everyCommandRefusesAnotherProjectsStateAndLeavesItUntouched() throws IOException {
        Path state = applied(new Project(dir));
        byte[] before = Files.readAllBytes(state);
        Path other = dir.resolve("other");
        Project claims = new Project(other);
        Cli.write(claims.flows, Project.V1.replace("project: demo", "project: claims"));
        String refusal = "Error: state at " + state + " belongs to project 'demo', not 'claims'; point state (or --state) at "
                + "this project's own state. [FLOWCTL-E0206]\n";
        for (String command : List.of("plan", "apply --auto-approve", "import scoring@v1 whatever", "drift", "state show",
                "state pull", "state history", "force-unlock some-id")) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.addAll(List.of("--state", state.toString()));
            Cli.Result r = claims.run(args.toArray(String[]::new));
            assertEquals(ExitCode.ERROR, r.code(), command + ": " + r);
            assertEquals(refusal, r.err(), command);
        }
        assertArrayEquals(before, Files.readAllBytes(state));
    }

    @Test
    void stateRecordsItsEnvironmentAndAnotherEnvironmentsStateIsRefused() throws IOException {
        Project p = new Project(dir);
        Cli.write(p.flows, Project.V1 + "environments:\n  dev: {}\n  prod: {}\n");
        applied(p, "-e", "dev");
        Path dev = dir.resolve(".flowctl/env/dev/state.json");
        assertEquals("dev", StateCodec.JSON.readTree(dev.toFile()).get("environment").asText());
        byte[] before = Files.readAllBytes(dev);

        Cli.Result prod = p.run("apply", "--auto-approve", "-e", "prod", "--state", dev.toString());
        assertEquals(ExitCode.ERROR, prod.code(), prod::toString);
        assertEquals("Error: state at " + dev + " belongs to environment 'dev', not environment 'prod'; point state (or --state) "
                + "at this environment's own state. [FLOWCTL-E0206]\n", prod.err());
        Cli.Result none = p.run("plan", "--state", dev.toString());
        assertEquals("Error: state at " + dev + " belongs to environment 'dev', not the default environment (no -e); point state "
                + "(or --state) at this environment's own state. [FLOWCTL-E0206]\n", none.err());
        assertArrayEquals(before, Files.readAllBytes(dev));
        assertFalse(Files.exists(dir.resolve(".flowctl/env/prod/engine")), "nothing was deployed for prod");
    }

    @Test
    void aStateWrittenBeforeEnvironmentsWereRecordedStillReads() throws IOException {
        Path state = applied(new Project(dir));
        ObjectNode legacy = (ObjectNode) StateCodec.JSON.readTree(state.toFile());
        assertEquals("(default)", legacy.remove("environment").asText());
        Files.write(state, StateCodec.encode(legacy));
        Cli.Result plan = new Project(dir).run("plan", "--detailed-exitcode");
        assertEquals(ExitCode.OK, plan.code(), plan::toString);
    }

    @Test
    void aSavedPlanIsRefusedByStateOfAnotherLineage() throws IOException {
        Project p = new Project(dir);
        Path state = applied(p);
        p.addOptionalInputAndV2();
        Path plan = dir.resolve("change.flowplan");
        assertEquals(ExitCode.OK, p.run("plan", "-out", plan.toString()).code());
        ObjectNode recreated = (ObjectNode) StateCodec.JSON.readTree(state.toFile());
        String lineage = recreated.get("lineage").asText();
        recreated.put("lineage", "another-lineage");
        Files.write(state, StateCodec.encode(recreated));
        byte[] before = Files.readAllBytes(state);

        Cli.Result r = Cli.run("apply", plan.toString());
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertEquals("Error: this plan was made against state lineage " + lineage + ", but " + state + " holds lineage "
                + "another-lineage: that state belongs to another project or environment; run plan against this state. [FLOWCTL-E0403]\n", r.err());
        assertArrayEquals(before, Files.readAllBytes(state));
    }

    @Test
    void aDamagedStateSaysWhatIsWrongWhereAndHowToRestoreIt() throws IOException {
        Path state = applied(new Project(dir));
        ObjectNode doc = (ObjectNode) StateCodec.JSON.readTree(state.toFile());
        ((ObjectNode) doc.at("/versions/scoring@v1/schema/0/type")).put("kind", "wat");
        Files.write(state, StateCodec.encode(doc));
        Cli.Result r = new Project(dir).run("plan");
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertEquals("Error: state at " + state + " is damaged (versions.scoring@v1.schema is not a readable input schema "
                + "(unknown input type 'wat' in recorded schema)); " + StateCodec.RESTORE + " [FLOWCTL-E0203]\n", r.err());
    }

    /**
     * Every field of a real state (with a schema history and a tombstone), replaced by a value of
     * another type or removed: plan either reads it (the field was optional) or stops with a state
     * message, exit 1, never an internal error, and never writes.
     */
    @Test
    void everyCorruptedFieldIsAStateErrorNeverAnInternalOne() throws IOException {
        Project p = new Project(dir);
        Path state = applied(p);
        applied(p.addOptionalInputAndV2());
        Cli.write(p.flows, Project.V1.replace("      months:   { type: int, default: 24 }\n",
                "      months:   { type: int, default: 24 }\n          mode: { type: enum, values: [fast, full] }\n"
                        + "          area: { type: struct, fields: { lat: { type: float } } }\n"));
        applied(p);
        JsonNode real = StateCodec.JSON.readTree(state.toFile());
        assertTrue(real.at("/tombstones/scoring@v2").isObject() && real.at("/versions/scoring@v1/schemaHistory/0").isArray(),
                real::toPrettyString);

        List<JsonNode> wrong = List.of(JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.textNode("garbage"),
                JsonNodeFactory.instance.numberNode(-7), JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode());
        int refused = 0;
        int variants = 0;
        for (String path : paths(real, "")) {
            List<Consumer<JsonNode>> corruptions = new ArrayList<>();
            for (JsonNode value : wrong) corruptions.add(root -> set(root, path, value));
            corruptions.add(root -> set(root, path, null));
            for (Consumer<JsonNode> corrupt : corruptions) {
                JsonNode damaged = real.deepCopy();
                corrupt.accept(damaged);
                byte[] bytes = StateCodec.encode(damaged);
                Files.write(state, bytes);
                Cli.Result r = p.run("plan");
                variants++;
                String what = path + " -> " + damaged.at(path) + ": " + r;
                assertFalse(r.err().contains("internal error"), what);
                if (r.code() == ExitCode.ERROR) {
                    refused++;
                    assertTrue(r.err().startsWith("Error: state at " + state + " ") && r.err().lines().count() == 1, what);
                } else {
                    assertTrue(r.err().isEmpty(), what);
                }
                assertArrayEquals(bytes, Files.readAllBytes(state), "plan never writes: " + what);
            }
        }
        assertTrue(refused > variants / 2, refused + " of " + variants + " corruptions refused");
    }

    /** JSON pointers of every node below the root. */
    private static List<String> paths(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String here = at + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                out.add(here);
                out.addAll(paths(e.getValue(), here));
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(at + "/" + i);
                out.addAll(paths(node.get(i), at + "/" + i));
            }
        }
        return out;
    }

    /** Sets (or, with null, removes) the node at {@code pointer}. */
    private static void set(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String name = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode o) {
            if (value == null) o.remove(name);
            else o.set(name, value);
        } else if (parent instanceof ArrayNode a) {
            if (value == null) a.remove(Integer.parseInt(name));
            else a.set(Integer.parseInt(name), value);
        }
    }
}
