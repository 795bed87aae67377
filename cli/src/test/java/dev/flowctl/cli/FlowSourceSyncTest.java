package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate and plan compare a Metaflow flow source's Parameters with its version's inputs, and report each
 * difference at the input in flows.yaml and the Parameter in the source. Needs python3, like the check.
 */
class FlowSourceSyncTest {
    @TempDir
    Path dir;

    static final String SPEC = """
            project: risk
            flows:
              scoring:
                source: flows/scoring.py
                versions:
                  v1:
                    inputs:
                      fleet_id:  { type: string, required: true }
                      months:    { type: int, default: 24 }
                      threshold: { type: float, default: 0.5 }
                      mode:      { type: enum, values: [fast, full], default: fast }
                      regions:   { type: list<string>, default: [eu] }
                      as_of:     { type: date }
                      dry_run:   { type: bool, default: false }
            """;

    /** The flow agrees with SPEC: literal defaults compare after Metaflow's conversion (JSON text, int for float). */
    static final String IN_SYNC = """
            from metaflow import FlowSpec, Parameter, JSONType, step


            class Scoring(FlowSpec):
                fleet_id = Parameter("fleet_id", required=True, help="Fleet to score")
                months = Parameter("months", default=24)
                threshold = Parameter("threshold", type=float, default=0.5)
                mode = Parameter("mode", default="fast")
                regions = Parameter("regions", type=JSONType, default='["eu"]')
                as_of = Parameter("as_of")
                dry_run = Parameter(name="dry_run", default=False)

                @step
                def start(self):
                    self.next(self.end)

                @step
                def end(self):
                    pass
            """;

    /** Every kind of difference, one per Parameter; dry_run is missing and debug is extra. */
    static final String DRIFTED = """
            from metaflow import FlowSpec, Parameter, JSONType


            class Scoring(FlowSpec):
                fleet_id = Parameter("fleet_id")
                months = Parameter("months", default="24")
                threshold = Parameter("threshold", type=float, default=0.75)
                mode = Parameter("mode", default="fast", required=True)
                regions = Parameter("regions", type=JSONType)
                as_of = Parameter("as_of", default="2024-01-01")
                debug = Parameter("debug", default=False)
            """;

    @BeforeAll
    static void needsPython3() {
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("python3"), "python3 is not on PATH: the flow source check is skipped");
    }

    static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) return true;
        }
        return false;
    }

    private Path project(String spec, String flow) {
        Cli.write(dir.resolve("flows/scoring.py"), flow);
        return Cli.write(dir.resolve("flows.yaml"), spec);
    }

    private String expectedDrift(Path spec, String undone) {
        String f = spec.toString();
        return f + ":7:9: scoring@v1 has no input 'debug', but its flow source declares Parameter 'debug' at flows/scoring.py:11:5;"
                + " add the input to flows.yaml, or remove the Parameter. [FLOWCTL-E0104]\n"
                + f + ":8:11: scoring@v1 input 'fleet_id' is required, but Parameter 'fleet_id' at flows/scoring.py:5:5 is not;"
                + " add required=True to the Parameter, or make the input optional. [FLOWCTL-E0104]\n"
                + f + ":9:11: scoring@v1 input 'months' is int, but Parameter 'months' at flows/scoring.py:6:5 is str (inferred from"
                + " its default \"24\"); set type=int on the Parameter, or change the input's type. [FLOWCTL-E0104]\n"
                + f + ":10:11: scoring@v1 input 'threshold' defaults to 0.5, but Parameter 'threshold' at flows/scoring.py:7:5"
                + " defaults to 0.75; make the two defaults equal. [FLOWCTL-E0104]\n"
                + f + ":11:11: scoring@v1 input 'mode' is optional, but Parameter 'mode' at flows/scoring.py:8:5 has required=True;"
                + " make both required or both optional. [FLOWCTL-E0104]\n"
                + f + ":12:11: scoring@v1 input 'regions' defaults to [\"eu\"], but Parameter 'regions' at flows/scoring.py:9:5 has no"
                + " default; give the Parameter default='[\"eu\"]', or remove the input's default. [FLOWCTL-E0104]\n"
                + f + ":13:11: scoring@v1 input 'as_of' has no default, but Parameter 'as_of' at flows/scoring.py:10:5 defaults to"
                + " \"2024-01-01\"; add the default to the input, or remove it from the Parameter. [FLOWCTL-E0104]\n"
                + f + ":14:11: scoring@v1 input 'dry_run' has no Parameter in its flow source: add dry_run = Parameter(\"dry_run\", …)"
                + " to class Scoring at flows/scoring.py:4:1, or remove the input. [FLOWCTL-E0104]\n"
                + "8 problems found; " + undone + ". [FLOWCTL-E0104]\n";
    }

    @Test
    void aFlowInSyncWithItsInputsIsValid() {
        Cli.Result r = Cli.run("validate", "-f", project(SPEC, IN_SYNC).toString());
        assertEquals(ExitCode.OK, r.code(), r::toString);
        assertEquals("", r.err(), r::toString);
    }

    @Test
    void validateReportsEveryDifferenceAtBothPositions() {
        Path spec = project(SPEC, DRIFTED);
        Cli.Result r = Cli.run("validate", "-f", spec.toString());
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertEquals(expectedDrift(spec, "flows.yaml is not valid"), r.err(), r::toString);
    }

    @Test
    void planRefusesADriftedSourceBeforeReadingState() {
        Path spec = project(SPEC, DRIFTED);
        Cli.Result r = Cli.run("plan", "-f", spec.toString(), "--no-color");
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertEquals(expectedDrift(spec, "nothing was planned"), r.err(), r::toString);
        assertEquals(false, Files.exists(dir.resolve(".flowctl/state.json")), "plan wrote no state");
    }

    /** python3 reads the sources while plan reads state; a drifted source is still what plan reports when state is unreadable too. */
    @Test
    void planReportsADriftedSourceBeforeAnUnreadableState() {
        Path spec = project(SPEC, DRIFTED);
        Path state = Cli.write(dir.resolve("broken-state.json"), "{ not json");
        Cli.Result r = Cli.run("plan", "-f", spec.toString(), "--state", state.toString(), "--no-color");
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertEquals(expectedDrift(spec, "nothing was planned"), r.err(), r::toString);
    }

    /**
     * Runs start the applied version and check inputs against its applied schema: a source edited in
     * the working copy since the apply blocks the next plan, not runs (nor a gateway's reload).
     */
    @Test
    void aSourceEditedSinceTheApplyBlocksPlanButNotRunsOfTheAppliedVersion() throws Exception {
        Path spec = project(SPEC.replace("project: risk\n", "project: risk\nengine: { type: local, run: python3 flows/run.py }\n"),
                IN_SYNC);
        Cli.write(dir.resolve("flows/run.py"), "import sys\nsys.stdin.read()\n");
        try {
            Cli.Result apply = Cli.run("apply", "-f", spec.toString(), "--auto-approve", "--no-color");
            assertEquals(ExitCode.OK, apply.code(), apply::toString);
            Cli.write(dir.resolve("flows/scoring.py"), DRIFTED);

            assertEquals(ExitCode.ERROR, Cli.run("plan", "-f", spec.toString(), "--no-color").code());
            Cli.Result run = Cli.run("run", "scoring@v1", "-f", spec.toString(), "--input", "{\"fleet_id\": \"f-1\"}", "--wait");
            assertEquals(ExitCode.OK, run.code(), run::toString);
        } finally {
            dev.flowctl.engine.local.LocalRunsEnded.await(dir);
        }
    }

    /** The metaflow preset's sources are checked like any other; its commands are not run by validate. */
    @Test
    void theMetaflowPresetIsChecked() {
        Path spec = project(SPEC.replace("project: risk\n", "project: risk\nengine: { type: metaflow }\n"), DRIFTED);
        Cli.Result r = Cli.run("validate", "-f", spec.toString());
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertEquals(true, r.err().endsWith("8 problems found; flows.yaml is not valid. [FLOWCTL-E0104]\n"), r::toString);
    }

    @Test
    void sourceCheckFalseOnTheVersionOrTheFlowTurnsItOff() {
        Cli.Result version = Cli.run("validate", "-f", project(SPEC.replace("      v1:\n", "      v1:\n        sourceCheck: false\n"),
                DRIFTED).toString());
        assertEquals(ExitCode.OK, version.code(), version::toString);
        Cli.Result flow = Cli.run("validate", "-f", project(SPEC.replace("    source: flows/scoring.py\n",
                "    source: flows/scoring.py\n    sourceCheck: false\n"), DRIFTED).toString());
        assertEquals(ExitCode.OK, flow.code(), flow::toString);
        Cli.Result notABool = Cli.run("validate", "-f", project(SPEC.replace("      v1:\n", "      v1:\n        sourceCheck: no-thanks\n"),
                DRIFTED).toString());
        assertEquals(ExitCode.ERROR, notABool.code(), notABool::toString);
        assertEquals(dir.resolve("flows.yaml") + ":7:22: sourceCheck must be true or false, not 'no-thanks'. [FLOWCTL-E0109]\n"
                + "1 problem found; flows.yaml is not valid. [FLOWCTL-E0101]\n", notABool.err(), notABool::toString);
    }

    /** A source that does not import metaflow is not a Metaflow flow, whatever it declares. */
    @Test
    void sourcesThatDoNotImportMetaflowAreNotChecked() {
        Cli.Result r = Cli.run("validate", "-f", project(SPEC, DRIFTED.replace("from metaflow import", "from mylib import")).toString());
        assertEquals(ExitCode.OK, r.code(), r::toString);
        assertEquals("", r.err(), r::toString);
    }

    /** A directory source is checked through its one flow file; helper modules beside it are not flows. */
    @Test
    void aDirectorySourceIsCheckedThroughItsFlowFile() {
        Cli.write(dir.resolve("flows/scoring/flow.py"), DRIFTED.replace("from metaflow import FlowSpec, Parameter, JSONType",
                "from metaflow import FlowSpec, Parameter, JSONType\nfrom rules import route"));
        Cli.write(dir.resolve("flows/scoring/rules.py"), "import metaflow\n\ndef route(x):\n    return x\n");
        Path spec = Cli.write(dir.resolve("flows.yaml"), SPEC.replace("source: flows/scoring.py", "source: flows/scoring"));
        Cli.Result r = Cli.run("validate", "-f", spec.toString());
        assertEquals(ExitCode.ERROR, r.code(), r::toString);
        assertEquals(true, r.err().contains(":14:11: scoring@v1 input 'dry_run' has no Parameter in its flow source: add dry_run ="
                + " Parameter(\"dry_run\", …) to class Scoring at flows/scoring/flow.py:5:1, or remove the input. [FLOWCTL-E0104]\n"), r::toString);
    }

    /** Python the machine's python3 cannot read is not compared, and says so; it fails nothing on its own. */
    @Test
    void anUnreadableSourceIsAWarning() {
        Cli.Result r = Cli.run("validate", "-f", project(SPEC, "from metaflow import FlowSpec\n\nclass Scoring(FlowSpec):\n    x = = 1\n").toString());
        assertEquals(ExitCode.OK, r.code(), r::toString);
        // The reason is python3's own words, which differ between Python versions.
        assertEquals(true, r.err().startsWith("Warning: flows/scoring.py:4 cannot be read as Python by python3 ("), r::toString);
        assertEquals(true, r.err().endsWith("), so the Parameters of scoring@v1 were not compared with flows.yaml.\n"), r::toString);
    }

    /** The example flows in this repository agree with flows.yaml.example. */
    @Test
    void theExampleFlowsAreInSync() {
        Path root = JsonSchemas.repo();
        Cli.Result r = Cli.run("validate", "-f", root.resolve("flows.yaml.example").toString());
        assertEquals(ExitCode.OK, r.code(), r::toString);
        assertEquals("", r.err(), r::toString);
    }
}
