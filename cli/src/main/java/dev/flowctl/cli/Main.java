package dev.flowctl.cli;

import dev.flowctl.apply.ApplyException;
import dev.flowctl.apply.EngineException;
import dev.flowctl.spec.SpecException;
import dev.flowctl.state.StateException;
import java.io.PrintWriter;
import java.util.Arrays;
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
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine cli = commandLine(terminal);
        cli.setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(message(e, commandLine.getCommand(), debug));
            if (debug) e.printStackTrace(commandLine.getErr());
            commandLine.getErr().flush();
            return ExitCode.ERROR;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter w = e.getCommandLine().getErr();
            w.println("Error: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, w);
            w.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            w.flush();
            return ExitCode.ERROR;
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("Error: flowctl ran out of memory; give it more heap, e.g. FLOWCTL_JAVA_OPTS=-Xmx2g ./flowctl …");
            code = ExitCode.ERROR;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** Every command, as picocli parses and documents them. */
    static CommandLine commandLine(Terminal terminal) {
        CommandLine cli = new CommandLine(new FlowctlCommand());
        cli.addSubcommand(new ValidateCommand());
        cli.addSubcommand(new PlanCommand());
        cli.addSubcommand(new ApplyCommand(terminal));
        cli.addSubcommand(new RulesCommand());
        cli.addSubcommand(new ForceUnlockCommand());
        cli.addSubcommand(new StateCommand());
        cli.addSubcommand(new DriftCommand());
        cli.addSubcommand(new ImportCommand());
        cli.addSubcommand(new CodegenCommand());
        cli.addSubcommand(new ShowCommand());
        cli.addSubcommand(new SchemaCommand());
        cli.addSubcommand(new CompletionCommand());
        return cli;
    }

    /** One sentence for every error a user can cause; anything else is a bug and says so. */
    static String message(Exception e, Object command, boolean debug) {
        if (e instanceof SpecException s) {
            int n = s.problems().size();
            String undone = command instanceof ReadsFlowsYaml r ? r.leftUndoneOnProblems() : "nothing was changed";
            return s.getMessage() + "\n" + n + " problem" + (n == 1 ? "" : "s") + " found; " + undone + ".";
        }
        if (e instanceof StateException || e instanceof EngineException || e instanceof ApplyException || e instanceof UserError) {
            return "Error: " + e.getMessage();
        }
        if (e instanceof java.io.UncheckedIOException u) {
            return "Error: " + u.getMessage();
        }
        return "Error: internal error (" + e + ")" + (debug ? "" : "; run again with --debug for the stack trace, and please report it.");
    }
}
