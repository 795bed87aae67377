package dev.flowctl.cli;

import dev.flowctl.state.StateBackend;
import dev.flowctl.state.StoredState;
import picocli.CommandLine.Option;

/** {@code --version ID} of 'state show' and 'state pull': the current state, or one kept version. */
final class StateVersionOption {
    // Declared here because --version means a state version: picocli then leaves out the inherited -h/-V pair.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", paramLabel = "ID", description = "A version ID from 'flowctl state history'.")
    String version;

    /** The current state (null when none), or the kept version asked for. */
    StoredState read(StateBackend backend) {
        if (version == null) return backend.read().orElse(null);
        return StateHistoryCommand.history(backend).readVersion(version);
    }
}
