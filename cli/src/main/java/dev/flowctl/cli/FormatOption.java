package dev.flowctl.cli;

import dev.flowctl.cli.render.OutputFormat;
import picocli.CommandLine.Option;

/** {@code --format text|markdown|json}: one option, shared by every command that renders a result. */
public final class FormatOption {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            converter = OutputFormat.Converter.class, completionCandidates = OutputFormat.Candidates.class,
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "markdown suits PR comments; json is documented by docs/schemas/plan.schema.json.")
    OutputFormat format = OutputFormat.TEXT;

    public OutputFormat get() {
        return format;
    }
}
