package dev.flowctl.cli;

/** A command that reads flows.yaml, and says what it did not do when flows.yaml has problems. */
interface ReadsFlowsYaml {
    /**
     * Ends the line "N problems found; …" after the problems of flows.yaml, e.g. "no files were written"; it must be
     * true whenever loading flows.yaml fails, which every command does before it acts.
     */
    String leftUndoneOnProblems();
}
