package dev.flowctl.cli;

import dev.flowctl.apply.ApplyException;
import dev.flowctl.cli.render.Printable;
import dev.flowctl.cli.render.Style;
import dev.flowctl.codegen.CodegenException;
import dev.flowctl.errors.CodedError;
import dev.flowctl.errors.ErrorCode;
import dev.flowctl.gateway.security.GatewaySecurityException;
import dev.flowctl.port.EngineException;
import dev.flowctl.runtime.InvalidInputException;
import dev.flowctl.spec.SpecException;
import dev.flowctl.state.StateException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Entry point. Tests call {@link #run}; only {@link #main} exits the JVM. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(out, err, Terminal.system(), args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, Terminal.NONE, args);
    }

    public static int run(PrintWriter out, PrintWriter err, Terminal terminal, String... args) {
        return run(out, err, terminal, java.nio.file.Path.of(""), args);
    }

    /**
     * As above, with relative paths on the command line (and the default {@code flows.yaml}) taken
     * from {@code workingDirectory} instead of the process's, so a test can run documented commands
     * as written, in a directory of its own, without a process per command.
     */
    public static int run(PrintWriter rawOut, PrintWriter rawErr, Terminal terminal, java.nio.file.Path workingDirectory,
                          String... args) {
        boolean debug = Arrays.asList(args).contains("--debug");
        // What flows.yaml, state or an engine says can reach the terminal only escaped (Printable), whoever prints it.
        boolean colour = Style.enabled(Arrays.asList(args).contains("--no-color"));
        PrintWriter out = new PrintWriter(Printable.guard(rawOut, colour, terminal.interactive()), true);
        PrintWriter err = new PrintWriter(Printable.guard(rawErr, colour, terminal.interactive()), true);
        if (versionOnly(args)) {
            // Answered without picocli: building even the root command's model by reflection (annotation
            // proxies, ~30 converters) is most of --version's start-up (bench/startup, round 2 part 2).
            for (String line : new FlowctlVersion().getVersion()) out.println(line);
            out.flush();
            return ExitCode.OK;
        }
        Preload preload = Preload.startFor(args);
        Logging.configure(debug);
        // picocli looks for Groovy's Closure class once; the miss opens every jar of the class path (~40 ms).
        System.setProperty("picocli.disable.closures", "true");
        CommandLine cli = commandLine(terminal, args);
        cli.registerConverter(java.nio.file.Path.class, new RelativeTo(workingDirectory));
        cli.setOut(out).setErr(err);
        boolean json = ErrorOutput.json(args);
        cli.setExecutionExceptionHandler(new ExecutionErrors(json, debug));
        cli.setParameterExceptionHandler(new UsageErrors(json));
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("Error: flowctl ran out of memory; give it more heap, e.g. FLOWCTL_JAVA_OPTS=-Xmx2g ./flowctl …"
                    + ErrorOutput.tag(ErrorCode.OUT_OF_MEMORY));
            code = ExitCode.ERROR;
        } finally {
            if (preload != null) preload.close();
        }
        out.flush();
        err.flush();
        return code;
    }

    // The three picocli callbacks below are classes, not lambdas: the class-data archive's dump resolves a lambda
    // of a picocli interface, and picocli's Java 5 class files may not be archived once resolved, so the
    // interfaces and ~30 classes that implement them (picocli's type converters) were loaded from the jar on
    // every run (bench/startup, round 2 part 2).

    /** A path on the command line, relative to the working directory {@link #run} was given. */
    private record RelativeTo(java.nio.file.Path workingDirectory) implements CommandLine.ITypeConverter<java.nio.file.Path> {
        @Override
        public java.nio.file.Path convert(String value) {
            return workingDirectory.resolve(value);
        }
    }

    /** A command's failure as one sentence with its code (or JSON), the stack trace only with --debug. */
    private record ExecutionErrors(boolean json, boolean debug) implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
            if (e instanceof SpecException s) problemsInFormat(commandLine, s);
            commandLine.getErr().println(json ? ErrorOutput.asJson(code(e), sentence(e, commandLine.getCommand(), debug))
                    : message(e, commandLine.getCommand(), debug));
            if (debug) e.printStackTrace(commandLine.getErr());
            commandLine.getErr().flush();
            return ExitCode.ERROR;
        }
    }

    /** A command line picocli cannot parse: what is wrong, suggestions, and where help is. */
    private record UsageErrors(boolean json) implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            PrintWriter w = e.getCommandLine().getErr();
            w.println(json ? ErrorOutput.asJson(ErrorCode.USAGE, e.getMessage()) : "Error: " + e.getMessage() + ErrorOutput.tag(ErrorCode.USAGE));
            CommandLine.UnmatchedArgumentException.printSuggestions(e, w);
            w.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            w.flush();
            return ExitCode.ERROR;
        }
    }

    /** The problems of flows.yaml also on stdout, for a command asked for json, github or gitlab output. */
    private static void problemsInFormat(CommandLine commandLine, SpecException s) {
        for (CommandLine.Model.CommandSpec mixin : commandLine.getCommandSpec().mixins().values()) {
            if (!(mixin.userObject() instanceof FormatOption f)) continue;
            String rendered = dev.flowctl.cli.render.ProblemRenderers.render(f.get(), s.problems());
            if (rendered != null) commandLine.getOut().print(rendered);
            commandLine.getOut().flush();
        }
    }

    /** Every command, as picocli parses and documents them. */
    static CommandLine commandLine(Terminal terminal) {
        return commandLine(terminal, null);
    }

    /**
     * The command line that parses {@code args}. Picocli builds each command's model by reflection,
     * ≈ 40 ms of start-up for the eleven commands a run does not use, so when the first argument
     * names a command only that one is built, and for --version none; help, completion, typos and the rest
     * get them all.
     */
    static CommandLine commandLine(Terminal terminal, String[] args) {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("validate", ValidateCommand::new);
        commands.put("plan", PlanCommand::new);
        commands.put("apply", () -> new ApplyCommand(terminal));
        commands.put("destroy", () -> new DestroyCommand(terminal));
        commands.put("rules", RulesCommand::new);
        commands.put("force-unlock", ForceUnlockCommand::new);
        // rm asks for confirmation, so it gets the terminal like apply; the other state commands are built by picocli.
        commands.put("state", () -> new CommandLine(new StateCommand()).addSubcommand(new StateRmCommand(terminal)));
        commands.put("drift", DriftCommand::new);
        commands.put("import", ImportCommand::new);
        commands.put("codegen", CodegenCommand::new);
        commands.put("show", ShowCommand::new);
        commands.put("run", RunCommand::new);
        commands.put("runs", RunsCommand::new);
        commands.put("serve", ServeCommand::new);
        commands.put("schema", SchemaCommand::new);
        commands.put("catalog", CatalogCommand::new);
        commands.put("completion", CompletionCommand::new);
        CommandLine cli = new CommandLine(new FlowctlCommand());
        List<String> given = args == null ? List.of() : List.of(args);
        String first = given.isEmpty() ? "" : given.get(0);
        if (commands.containsKey(first) && !first.equals("completion")) {
            cli.addSubcommand(commands.get(first).get());
        } else if (!versionOnly(args)) {
            commands.values().forEach(c -> cli.addSubcommand(c.get()));
        }
        FormatOption.describe(cli);
        return cli;
    }

    /** {@code flowctl --version} (or {@code -V}) and nothing else: the one run that needs no command model. */
    private static boolean versionOnly(String[] args) {
        return args != null && args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /** One sentence for every error a user can cause, ending in its code; anything else is a bug and says so. */
    static String message(Exception e, Object command, boolean debug) {
        return (e instanceof SpecException ? "" : "Error: ") + sentence(e, command, debug) + ErrorOutput.tag(code(e));
    }

    /** The error without its "Error: " and code: flows.yaml's problems a line each, else one sentence. */
    private static String sentence(Exception e, Object command, boolean debug) {
        if (e instanceof SpecException s) {
            int n = s.problems().size();
            String undone = command instanceof ReadsFlowsYaml r ? r.leftUndoneOnProblems() : "nothing was changed";
            // Each problem with the code of its kind; the summary line gets the code of the whole failure.
            String problems = s.problems().stream().map(p -> p + ErrorOutput.tag(p.code())).collect(java.util.stream.Collectors.joining("\n"));
            return problems + "\n" + n + " problem" + (n == 1 ? "" : "s") + " found; " + undone + ".";
        }
        if (code(e) != ErrorCode.INTERNAL) return e.getMessage();
        return "internal error (" + e + ")" + (debug ? "" : "; run again with --debug for the stack trace, and please report it.");
    }

    /** The code of every error a user can cause; anything else is {@link ErrorCode#INTERNAL}. */
    static ErrorCode code(Exception e) {
        if (e instanceof java.io.UncheckedIOException) return ErrorCode.IO_FAILED;
        boolean known = e instanceof SpecException || e instanceof StateException || e instanceof EngineException || e instanceof ApplyException
                || e instanceof CodegenException || e instanceof InvalidInputException || e instanceof GatewaySecurityException || e instanceof UserError
                || e instanceof dev.flowctl.spec.Targets.TargetException;
        return known ? CodedError.of(e, ErrorCode.INTERNAL) : ErrorCode.INTERNAL;
    }
}
