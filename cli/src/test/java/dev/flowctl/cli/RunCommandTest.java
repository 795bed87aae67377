package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import dev.flowctl.engine.local.LocalRunsEnded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * flowctl run and flowctl runs on the embedded local engine, with a real run command: the input is
 * checked against the applied schema before anything starts, and runs are followed, listed and
 * cancelled through the engine.
 */
class RunCommandTest {
    private static final Pattern RUN_ID = Pattern.compile("Started scoring@v1: run (\\S+)");

    @TempDir
    Path dir;

    private Path spec;

    @org.junit.jupiter.api.AfterEach
    void runsEnded() {
        LocalRunsEnded.await(dir);
    }

    @BeforeEach
    void project() {
        assumeTrue(python3(), "python3 is not installed: the local engine's run command here is a python3 script");
        Cli.write(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Cli.write(dir.resolve("flows/scoring.py"), "print('score')\n");
        Cli.write(dir.resolve("flows/run.py"), """
                import json, sys, time
                inputs = json.load(sys.stdin)
                print("running with", json.dumps(inputs, sort_keys=True))
                if inputs["mode"] == "slow":
                    time.sleep(60)
                sys.exit(3 if inputs["fleet_id"] == "fail" else 0)
                """);
        spec = Cli.write(dir.resolve("flows.yaml"), """
                project: demo
                engine: { type: local, run: python3 flows/run.py }
                flows:
                  scoring:
                    source: flows/scoring.py
                    versions:
                      v1:
                        inputs:
                          fleet_id: { type: string, required: true }
                          months:   { type: int, default: 24 }
                          mode:     { type: enum, values: [fast, slow], default: fast }
                """);
    }

    private Cli.Result flowctl(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-f";
        all[args.length + 1] = spec.toString();
        return Cli.run(all);
    }

    private static String runId(Cli.Result started) {
        Matcher m = RUN_ID.matcher(started.out());
        assertTrue(m.find(), started::toString);
        return m.group(1);
    }

    @Test
    void aRunIsCheckedStartedAndFollowedToItsEnd() {
        Cli.Result notYet = flowctl("run", "scoring@v1", "--input", "{\"fleet_id\": \"f-1\"}");
        assertEquals(ExitCode.ERROR, notYet.code(), notYet::toString);
        assertEquals("Error: scoring@v1 is not deployed; no version of scoring is deployed; run flowctl apply first. [FLOWCTL-E0602]\n", notYet.err());

        assertEquals(ExitCode.OK, flowctl("apply", "--auto-approve").code());
        Cli.Result run = flowctl("run", "scoring@v1", "--input", "{\"fleet_id\": \"f-1\"}", "--wait", "--poll", "100ms");
        assertEquals(ExitCode.OK, run.code(), run::toString);
        String id = runId(run);
        assertTrue(run.out().contains("SUCCEEDED " + id), run::toString);

        Cli.Result get = flowctl("runs", "get", "scoring@v1", id);
        assertEquals(ExitCode.OK, get.code(), get::toString);
        assertTrue(get.out().startsWith("SUCCEEDED " + id), get::toString);

        Cli.Result failed = flowctl("run", "scoring@v1", "--input", "{\"fleet_id\": \"fail\"}", "--wait", "--poll", "100ms");
        assertEquals(ExitCode.ERROR, failed.code(), failed::toString);
        assertTrue(failed.out().contains("FAILED    " + runId(failed)), failed::toString);

        Cli.Result list = flowctl("runs", "list", "scoring@v1");
        assertEquals(ExitCode.OK, list.code(), list::toString);
        assertEquals(2, list.out().lines().count(), list::toString);
        assertTrue(list.out().lines().findFirst().orElseThrow().startsWith("FAILED"), "newest first: " + list.out());

        Cli.Result v2 = flowctl("run", "scoring@v2");
        assertEquals("Error: scoring@v2 is not deployed; deployed versions of scoring: v1. [FLOWCTL-E0602]\n", v2.err());

        // A run command edited in flows.yaml but not applied is not what was deployed: refused until applied.
        Cli.write(spec, Cli.read(spec).replace("run: python3 flows/run.py", "run: python3 flows/other.py"));
        Cli.Result edited = flowctl("run", "scoring@v1", "--input", "{\"fleet_id\": \"f-1\"}");
        assertEquals(ExitCode.ERROR, edited.code(), edited::toString);
        assertEquals("Error: the engine settings of scoring@v1 in flows.yaml are not the ones it was deployed with; apply them first"
                + " (flowctl plan shows the update), so that a run uses what was deployed. [FLOWCTL-E0604]\n", edited.err());
    }

    @Test
    void aBadInputIsRefusedNamingEveryFieldAndStartsNothing() {
        assertEquals(ExitCode.OK, flowctl("apply", "--auto-approve").code());
        Cli.Result bad = flowctl("run", "scoring@v1", "--input", "{\"months\": \"two\", \"mode\": \"turbo\", \"colour\": 1}");
        assertEquals(ExitCode.ERROR, bad.code(), bad::toString);
        assertTrue(bad.err().startsWith("Error: input refused: "), bad::toString);
        for (String field : new String[] {"'fleet_id'", "'months'", "'mode'", "'colour'"}) {
            assertTrue(bad.err().contains(field), field + " in " + bad.err());
        }
        assertEquals(1, bad.err().lines().count(), bad::toString);

        Cli.Result notJson = flowctl("run", "scoring@v1", "--input", "{fleet_id: 1}");
        assertEquals(ExitCode.ERROR, notJson.code());
        assertTrue(notJson.err().startsWith("Error: --input is not valid JSON ("), notJson::toString);

        // Only the first value would have started the run (Jackson stops after it).
        Cli.Result twoValues = flowctl("run", "scoring@v1", "--input", "{\"fleet_id\": \"f-1\"} {\"fleet_id\": \"f-2\"}");
        assertEquals(ExitCode.ERROR, twoValues.code(), twoValues::toString);
        assertEquals("Error: --input is not valid JSON (Unexpected content after the JSON value (only whitespace may follow it)"
                + " at line 1, column 21); write a JSON object, e.g. {\"fleet_id\": \"f-1\"}. [FLOWCTL-E0607]\n", twoValues.err());

        assertEquals("No runs of scoring@v1 yet.\n", flowctl("runs", "list", "scoring@v1").out());
    }

    @Test
    void oneIdempotencyKeyStartsOneRunAndARunningRunCanBeCancelled() {
        assertEquals(ExitCode.OK, flowctl("apply", "--auto-approve").code());
        String input = "{\"fleet_id\": \"f-1\", \"mode\": \"slow\"}";
        String first = runId(flowctl("run", "scoring@v1", "--input", input, "--idempotency-key", "nightly-1"));
        String again = runId(flowctl("run", "scoring@v1", "--input", input, "--idempotency-key", "nightly-1"));
        assertEquals(first, again, "a retried start returns the first run");
        assertEquals(1, flowctl("runs", "list", "scoring@v1").out().lines().count());

        Cli.Result cancel = flowctl("runs", "cancel", "scoring@v1", first);
        assertEquals(ExitCode.OK, cancel.code(), cancel::toString);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String state;
        do {
            state = flowctl("runs", "get", "scoring@v1", first).out();
        } while (!state.startsWith("CANCELLED") && System.nanoTime() < deadline);
        assertTrue(state.startsWith("CANCELLED " + first), state);

        Cli.Result unknown = flowctl("runs", "get", "scoring@v1", "no-such-run");
        assertEquals(ExitCode.ERROR, unknown.code(), unknown::toString);
        assertEquals(1, unknown.err().lines().count(), unknown::toString);
    }

    static boolean python3() {
        try {
            return new ProcessBuilder("python3", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
