package dev.flowctl.cli;

import picocli.CommandLine.Option;

/**
 * The options of commands that work on an environment (its state or engine): the spec-file
 * options plus which environment, and where its state lives. Codegen, which never looks at an
 * environment, takes {@link SpecFileOptions} alone. (validate takes these for -e, whose engine
 * settings it checks; it reads no state, so --state changes nothing there.)
 */
public final class WorkspaceOptions extends SpecFileOptions {
    @Option(names = {"-e", "--env"}, paramLabel = "ENV",
            description = "Environment from flows.yaml's environments: whose state and engine settings to use.")
    String environment;

    @Option(names = "--state", paramLabel = "URI",
            description = "Override where state lives: s3://BUCKET/KEY, a local path or file:PATH (region, endpoint and profile still come from flows.yaml or the AWS environment).")
    String state;
}
