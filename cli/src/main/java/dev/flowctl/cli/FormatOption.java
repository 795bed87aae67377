package dev.flowctl.cli;

import dev.flowctl.cli.render.OutputFormat;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --format}: the one option, one parser and one error message of every command that renders a
 * result. Each command says which {@link OutputFormat}s it supports ({@link Formats}); --help, shell
 * completion and the error for any other value list exactly those.
 */
public final class FormatOption {
    /** A command with a {@code --format}: the formats it renders (text, the default, among them). */
    public interface Formats {
        List<OutputFormat> formats();
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private OutputFormat format = OutputFormat.TEXT;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", completionCandidates = AllFormats.class,
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). See docs/ci.md.")
    void format(String value) {
        List<OutputFormat> supported = supported(mixee);
        OutputFormat f = OutputFormat.of(value);
        if (f == null || !supported.contains(f)) {
            throw new ParameterException(mixee.commandLine(), "--format is '" + value + "'; '" + mixee.qualifiedName()
                    + "' writes " + ids(supported) + ".");
        }
        format = f;
    }

    public OutputFormat get() {
        return format;
    }

    private static List<OutputFormat> supported(CommandSpec command) {
        return ((Formats) command.userObject()).formats();
    }

    private static String ids(List<OutputFormat> formats) {
        List<String> ids = formats.stream().map(OutputFormat::id).toList();
        return String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
    }

    /**
     * Lists in --help and shell completion only the formats each command writes: the annotation holds one
     * list for all, so every command's {@code --format} is replaced by a copy with its own.
     */
    static void describe(CommandLine cli) {
        for (CommandLine sub : cli.getSubcommands().values()) {
            describe(sub);
            CommandSpec spec = sub.getCommandSpec();
            OptionSpec option = spec.findOption("--format");
            if (option == null || !(spec.userObject() instanceof Formats)) continue;
            List<String> ids = supported(spec).stream().map(OutputFormat::id).collect(Collectors.toList());
            spec.remove(option);
            spec.addOption(OptionSpec.builder(option).completionCandidates(ids).build());
        }
    }

    /** Every format, for the annotation; {@link #describe} narrows it per command. */
    static final class AllFormats implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(OutputFormat.values()).map(OutputFormat::id).iterator();
        }
    }
}
