package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** Every command's --help as a user reads it in an 80-column terminal, and what each says when flows.yaml is invalid. */
class HelpTextTest {
    /** Every command and subcommand, as the words a user types before --help. */
    static Stream<String> commands() {
        List<String> out = new ArrayList<>();
        walk(Main.commandLine(Terminal.NONE), out);
        return out.stream();
    }

    private static void walk(CommandLine cl, List<String> out) {
        out.add(cl.getCommandSpec().qualifiedName(" ").replaceFirst("^flowctl ?", ""));
        // getSubcommands() lists an alias (compat-rules) as a key of its own: visit each command once.
        new LinkedHashSet<>(cl.getSubcommands().values()).forEach(sub -> walk(sub, out));
    }

    private static CommandSpec spec(String command) {
        CommandLine cl = Main.commandLine(Terminal.NONE);
        for (String word : command.isEmpty() ? new String[0] : command.split(" ")) cl = cl.getSubcommands().get(word);
        return cl.getCommandSpec();
    }

    private static Cli.Result help(String command) {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--help");
        return Cli.run(args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "flowctl {0} --help")
    @MethodSource("commands")
    void fitsEightyColumnsAndNeverSplitsAWord(String command) {
        Cli.Result r = help(command);
        assertEquals(ExitCode.OK, r.code(), r.toString());
        assertTrue(r.out().startsWith("Usage: flowctl " + command), r.out());
        r.out().lines().forEach(line -> assertTrue(line.length() <= 80, "longer than 80 columns:\n" + line));

        // picocli wraps where java.text.BreakIterator allows, which includes after '.', ':' and ',' inside a word:
        // "flows.lock" could come out as "flows." and "lock" on two lines. Every word written must come out whole.
        // A split word is one occurrence short (the same word may be whole elsewhere, as flows.yaml usually is).
        Map<String, Long> shown = counts(Arrays.asList(r.out().split("\\s+")));
        List<String> split = counts(writtenWords(spec(command))).entrySet().stream()
                .filter(w -> shown.getOrDefault(w.getKey(), 0L) < w.getValue()).map(Map.Entry::getKey).sorted().toList();
        assertEquals(List.of(), split, "words split across lines in:\n" + r.out());
    }

    private static Map<String, Long> counts(List<String> words) {
        return words.stream().collect(Collectors.groupingBy(w -> w, Collectors.counting()));
    }

    private static List<String> writtenWords(CommandSpec spec) {
        List<String> texts = new ArrayList<>();
        texts.addAll(Arrays.asList(spec.usageMessage().description()));
        texts.addAll(Arrays.asList(spec.usageMessage().footer()));
        texts.addAll(spec.usageMessage().exitCodeList().values());
        for (ArgSpec arg : spec.args()) texts.addAll(Arrays.asList(arg.description()));
        List<String> words = new ArrayList<>();
        for (String text : texts) {
            for (String word : text.replace("%n", " ").split("\\s+")) {
                if (!word.isEmpty() && !word.contains("${")) words.add(word);
            }
        }
        return words;
    }

    @ParameterizedTest(name = "flowctl {0} --help")
    @MethodSource("commands")
    void listsExitCodesTrueOfThatCommand(String command) {
        String out = help(command).out();
        assertTrue(out.contains("\nExit codes:\n  0   "), out);
        if (command.isEmpty()) return;
        Map<String, String> root = spec("").usageMessage().exitCodeList();
        assertNotEquals(root, spec(command).usageMessage().exitCodeList(), command + " inherits the exit codes of flowctl itself");
        // show renders a saved plan and exits as plan did, so it takes plan's option too
        if (!command.equals("plan") && !command.equals("show")) assertFalse(out.contains("--detailed-exitcode"), out);
        assertFalse(out.contains("flowctl COMMAND"), out);
    }

    @Test
    void codegenHelpTeachesByExample() {
        String out = help("codegen").out();
        assertTrue(out.startsWith("""
                Usage: flowctl codegen [-hV] [--check] [--debug] [--frozen-lock] [--no-color]
                                       [-f=FILE] [--lang=LANGS] [--out=DIR]
                                       [--exclude=PATTERN]... [--target=PATTERN]...
                Generate the contract of every flow version: proto3 files, Java stubs and, with
                --lang python, Python modules.
                """), out);
        assertTrue(out.endsWith("""
                Exit codes:
                  0     Generated, or already current; with --check, everything matches.
                  1     An error: a problem in flows.yaml, an unknown --lang, flows.lock would
                          change under --frozen-lock or lost published numbers, or a symbolic
                          link where codegen writes.
                  2     With --check: a generated file or flows.lock does not match flows.yaml.
                  130   Interrupted (Ctrl-C or SIGINT).

                Examples:
                  flowctl codegen
                      Write generated/proto/, generated/java/ and flows.lock beside flows.yaml;
                      commit them with the change to flows.yaml.
                  flowctl codegen --check
                      In CI: exit 2 if someone edited a generated file or forgot to run codegen.
                  flowctl codegen --lang proto --out contracts
                      Only the .proto files, under contracts/proto/.
                  flowctl codegen --lang proto,java,python
                      Also generated/python/: a typed, checked module per flow version.
                  flowctl codegen --check --target 'fleet_*'
                      Check only the contracts of the fleet_* flows (a team's own CI).
                """), out);
    }

    @Test
    void theRootPointsAtEachCommandsHelp() {
        String out = help("").out();
        assertTrue(out.contains("\nCommands (run 'flowctl COMMAND --help' for one's options and exit codes):\n"), out);
        assertTrue(out.contains("""
                Exit codes:
                  0     Success; with plan --detailed-exitcode, also no changes.
                  1     An error.
                  2     Changes present (plan --detailed-exitcode), drift found (drift) or
                          generated files out of date (codegen --check).
                  3     The plan is blocked by a breaking change.
                  130   Interrupted (Ctrl-C or SIGINT); an apply records what finished and
                          releases its lock first.
                """), out);
    }

    @Test
    void stateCommandsWithAVersionOptionStillAnswerHelp() {
        for (String command : List.of("state show", "state pull")) {
            Cli.Result r = help(command);
            assertEquals(ExitCode.OK, r.code(), r.toString());
            assertTrue(r.out().contains("  -h, --help "), r.out());
            assertTrue(r.out().contains("      --version=ID "), r.out());
        }
    }

    /** What each command says it did not do when flows.yaml has a problem: true of that command, not of plan. */
    @ParameterizedTest(name = "flowctl {0}")
    @MethodSource("invalidSpecTrailers")
    void anInvalidSpecSaysWhatTheCommandDidNotDo(String command, String trailer, @TempDir Path dir) {
        Path file = Cli.write(dir.resolve("flows.yaml"), "project: risk\nflowz: {}\n");
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("-f", file.toString()));
        if (command.equals("import")) args.addAll(List.of("scores@v1", "ref"));
        if (command.equals("force-unlock")) args.add("some-id");
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(ExitCode.ERROR, r.code(), r.toString());
        assertTrue(r.err().endsWith("\n1 problem found; " + trailer + ". [FLOWCTL-E0101]\n"), r.toString());
        assertFalse(r.err().contains("Exception"), r.toString());
    }

    static Stream<Arguments> invalidSpecTrailers() {
        return Stream.of(
                Arguments.of("codegen", "no files were written"),
                Arguments.of("validate", "flows.yaml is not valid"),
                Arguments.of("plan", "nothing was planned"),
                Arguments.of("apply", "nothing was planned or changed"),
                Arguments.of("drift", "nothing was compared with the engine"),
                Arguments.of("import", "nothing was imported"),
                Arguments.of("force-unlock", "no lock was removed"),
                Arguments.of("state show", "state was not read"),
                Arguments.of("state history", "state was not read"),
                Arguments.of("state pull", "state was not read"));
    }
}
