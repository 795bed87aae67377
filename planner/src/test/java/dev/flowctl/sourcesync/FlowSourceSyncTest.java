package dev.flowctl.sourcesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.spec.Spec;
import dev.flowctl.spec.SpecParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the flow source check cannot run as asked, it says so and passes; a hostile source costs a warning. */
class FlowSourceSyncTest {
    @TempDir
    Path dir;

    private static final String FLOW = """
            from metaflow import FlowSpec, Parameter


            class Scoring(FlowSpec):
                fleet_id = Parameter("fleet_id", required=True)
            """;

    private Spec spec(String flow) throws IOException {
        Files.createDirectories(dir.resolve("flows"));
        Files.writeString(dir.resolve("flows/scoring.py"), flow);
        Files.writeString(dir.resolve("flows.yaml"), """
                project: risk
                flows:
                  scoring:
                    source: flows/scoring.py
                    versions:
                      v1:
                        inputs:
                          fleet_id: { type: string, required: true }
                          months:   { type: int, default: 24 }
                """);
        return SpecParser.parse(dir.resolve("flows.yaml"));
    }

    private static String python3Dir() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "python3"))) return d;
        }
        org.junit.jupiter.api.Assumptions.abort("python3 is not on PATH: the flow source check is skipped");
        return null;
    }

    @Test
    void withoutPython3TheCheckIsSkippedWithOneWarning() throws IOException {
        FlowSourceSync.Result r = FlowSourceSync.check(spec(FLOW), "/nonexistent" + java.io.File.pathSeparator);
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("python3 is not on PATH, so the Parameters of 1 Metaflow flow source were not compared with flows.yaml;"
                + " install python3 to check them."), r.warnings());
    }

    /** A python3 in the repository (a relative PATH entry such as '.') is never the one run. */
    @Test
    void relativePathEntriesAreNotSearched() throws IOException {
        Spec spec = spec(FLOW);
        Path fake = Files.writeString(dir.resolve("python3"), "#!/bin/sh\necho pwned > " + dir.resolve("ran") + "\n");
        fake.toFile().setExecutable(true);
        FlowSourceSync.Result r = FlowSourceSync.check(spec, "." + java.io.File.pathSeparator + "flows");
        assertEquals(1, r.warnings().size(), r::toString);
        assertEquals(false, Files.exists(dir.resolve("ran")));
    }

    @Test
    void theMissingInputIsReported() throws IOException {
        FlowSourceSync.Result r = FlowSourceSync.check(spec(FLOW), python3Dir());
        assertEquals(1, r.problems().size(), r::toString);
        assertEquals(dir.resolve("flows.yaml") + ":9:11: scoring@v1 input 'months' has no Parameter in its flow source: add months ="
                + " Parameter(\"months\", …) to class Scoring at flows/scoring.py:4:1, or remove the input.", r.problems().get(0).toString());
    }

    /** A python3 started before the spec was read is the one that reads the sources, once. */
    @Test
    void aPrestartedPython3ReadsTheSourcesAndIsNotLeftBehind() throws IOException {
        PythonParameterReader.prestart(python3Dir());
        var started = PythonParameterReader.prestarted().orElseThrow();
        FlowSourceSync.Result r = FlowSourceSync.check(spec(FLOW), python3Dir());
        assertEquals(1, r.problems().size(), r::toString);
        assertTrue(r.problems().get(0).message().contains("input 'months' has no Parameter"), r::toString);
        assertTrue(PythonParameterReader.prestarted().isEmpty(), "used once");
        assertFalse(started.getKey().isAlive());
        assertFalse(Files.exists(started.getValue()), "its directory is removed");
    }

    /** One that no check used is ended, its directory removed, when the command is done. */
    @Test
    void anUnusedPrestartedPython3IsEnded() throws Exception {
        PythonParameterReader.prestart(python3Dir());
        var started = PythonParameterReader.prestarted().orElseThrow();
        assertTrue(started.getKey().isAlive(), "it waits for the files");
        FlowSourceSync.discardPrestarted();
        assertTrue(started.getKey().waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        assertFalse(Files.exists(started.getValue()));
        assertTrue(PythonParameterReader.prestarted().isEmpty());
    }

    /** One whose flowctl went away without ending it (killed, say) gets no input, and removes its directory itself. */
    @Test
    void aPrestartedPython3LeftWithoutInputRemovesItsDirectory() throws Exception {
        PythonParameterReader.prestart(python3Dir());
        var started = PythonParameterReader.prestarted().orElseThrow();
        started.getKey().getOutputStream().close();
        assertTrue(started.getKey().waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, started.getKey().exitValue());
        assertFalse(Files.exists(started.getValue()));
        FlowSourceSync.discardPrestarted();
    }

    /** A base class from another module may declare the Parameter: nothing is called missing then. */
    @Test
    void aBaseClassFromAnotherModuleMayDeclareTheMissingParameter() throws IOException {
        FlowSourceSync.Result r = FlowSourceSync.check(spec(FLOW.replace("from metaflow import FlowSpec, Parameter",
                "from metaflow import FlowSpec, Parameter\nfrom common import Months").replace("(FlowSpec)", "(FlowSpec, Months)")), python3Dir());
        assertEquals(List.of(), r.problems());
    }

    /** Parameters of a base class in the same file count; the subclass's own declaration wins. */
    @Test
    void parametersOfABaseClassInTheFileCount() throws IOException {
        FlowSourceSync.Result r = FlowSourceSync.check(spec(FLOW + """


                class Monthly(Scoring):
                    months = Parameter("months", default=24)
                """), python3Dir());
        assertEquals(List.of(), r.problems());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void aSourceOverOneMebibyteIsNotRead() throws IOException {
        FlowSourceSync.Result r = FlowSourceSync.check(spec(FLOW + "#" + "x".repeat(1024 * 1024) + "\n"), python3Dir());
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("flows/scoring.py is larger than 1 MiB, so its Parameters were not compared with flows.yaml."), r.warnings());
    }

    /** Nesting that would exhaust a recursive reader, and bytes that are not UTF-8, are warnings, not crashes. */
    @Test
    void hostileSourcesAreWarnings() throws IOException {
        FlowSourceSync.Result deep = FlowSourceSync.check(spec(FLOW + "x = " + "[".repeat(100_000) + "\n"), python3Dir());
        assertEquals(List.of(), deep.problems());
        assertEquals(1, deep.warnings().size(), deep::toString);
        Spec spec = spec(FLOW);
        Files.write(dir.resolve("flows/scoring.py"), ("# metaflow \u00ff\n").getBytes(StandardCharsets.ISO_8859_1));
        FlowSourceSync.Result latin1 = FlowSourceSync.check(spec, python3Dir());
        assertEquals(List.of("flows/scoring.py cannot be read as Python by python3 (it is not UTF-8 text), so the Parameters of"
                + " scoring@v1 were not compared with flows.yaml."), latin1.warnings());
    }

    @Test
    void defaultsCompareAfterMetaflowsConversion() {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(json.valueToTree(List.of(1, 2)), FlowSourceSync.coerce(json.valueToTree("[1, 2]"), MetaflowType.JSON, null));
        assertEquals(json.valueToTree("2024-01-31T00:00Z"), FlowSourceSync.coerce(json.valueToTree("2024-01-31T00:00:00Z"),
                MetaflowType.STR, dev.flowctl.spec.TypeRef.Primitive.TIMESTAMP));
        assertEquals(null, FlowSourceSync.coerce(json.valueToTree("[1,"), MetaflowType.JSON, null));
        assertEquals(json.valueToTree(24L), FlowSourceSync.coerce(json.valueToTree("24"), MetaflowType.INT, dev.flowctl.spec.TypeRef.Primitive.INT));
    }
}
