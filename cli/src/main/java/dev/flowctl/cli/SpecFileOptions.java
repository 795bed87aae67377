package dev.flowctl.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every spec-reading command shares: which flows.yaml, and how to print. */
public class SpecFileOptions {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = "flows.yaml",
            description = "The flows.yaml to read (default: ${DEFAULT-VALUE}). Paths inside it, and the local .flowctl/, are relative to its directory.")
    Path file;

    @Option(names = "--no-color", description = "Plain output, no ANSI colors (also when NO_COLOR is set).")
    boolean noColor;

    @Option(names = "--debug", description = "Show stack traces for errors.")
    boolean debug;
}
