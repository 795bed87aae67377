package dev.flowctl.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every spec-reading command shares. */
public final class CommonOptions {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = "flows.yaml",
            description = "The flows.yaml to read (default: ${DEFAULT-VALUE}). Paths inside it, and the local .flowctl/, are relative to its directory.")
    Path file;

    @Option(names = {"-e", "--env"}, paramLabel = "ENV",
            description = "Environment from flows.yaml's environments: whose state and engine settings to use.")
    String environment;

    @Option(names = "--state", paramLabel = "URI",
            description = "Override where state lives: s3://BUCKET/KEY, a local path or file:PATH (region, endpoint and profile still come from flows.yaml or the AWS environment).")
    String state;

    @Option(names = "--no-color", description = "Plain output, no ANSI colors (also when NO_COLOR is set).")
    boolean noColor;

    @Option(names = "--debug", description = "Show stack traces for errors.")
    boolean debug;
}
