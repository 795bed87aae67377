package dev.flowctl.cli;

import dev.flowctl.cli.render.Printable;
import dev.flowctl.spec.Settings;

/**
 * The first line of every plan and apply: which project, environment, state and engine it works on,
 * so a wrong -e or --state is seen before anything happens, and a state that does not exist yet says so.
 */
final class ContextLine {
    private ContextLine() {
    }

    /** {@code flowctl: project fleet, environment prod, state s3://bucket/key (new), engine stepfunctions (us-east-1)} */
    static String of(Workspace ws, String stateLocation, boolean newState) {
        return "flowctl: project " + ws.spec.project() + ", environment " + (ws.environment == null ? "default" : ws.environment)
                + ", state " + Printable.line(stateLocation) + (newState ? " (new)" : "") + ", engine " + engine(ws.spec.engineFor(ws.environment));
    }

    /** The engine type, and where it runs when flows.yaml says: a region, else nothing (the local engine lives beside state). */
    private static String engine(Settings settings) {
        String type = settings.string("type").orElse("local");
        // Both come from flows.yaml: made printable, so no escape sequence reaches the terminal.
        return Printable.line(type) + settings.string("region").map(r -> " (" + Printable.line(r) + ")").orElse("");
    }
}
