package dev.flowctl.cli;

/** The exit codes of DESIGN.md, in one place. */
public final class ExitCode {
    /** Success; with --detailed-exitcode also "no changes". */
    public static final int OK = 0;
    /** An error: bad input, a failed action, a held lock. */
    public static final int ERROR = 1;
    /** Changes are present (plan --detailed-exitcode), drift was found, or generated files are out of date (codegen --check). */
    public static final int CHANGES = 2;
    /** The plan is blocked by a compatibility violation. */
    public static final int BLOCKED = 3;

    private ExitCode() {
    }
}
