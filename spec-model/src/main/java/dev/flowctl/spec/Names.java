package dev.flowctl.spec;

import java.util.regex.Pattern;

/**
 * Naming rules. Names end up in Step Functions state machine names (letters, digits, '-' and
 * '_' only), proto packages and field names (no '-'), and Java identifiers, so each rule is the
 * strictest of those: lowercase snake_case starting with a letter.
 */
public final class Names {
    public static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    /** Also in engine names and directories ({@code .flowctl/env/<env>/}), so nothing that could leave them. */
    public static final Pattern ENVIRONMENT = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    public static final Pattern FLOW = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    public static final Pattern VERSION = Pattern.compile("[a-z][a-z0-9_]{0,15}");
    public static final Pattern INPUT = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    public static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    public static final Pattern ENUM_VALUE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private Names() {
    }

    static String rule(String what, Pattern pattern) {
        return switch (what) {
            case "project" -> "a project name is 1-32 lowercase letters, digits or '_', starting with a letter (it prefixes every deployed name and proto package)";
            case "environment" -> "an environment name is 1-32 lowercase letters, digits, '_' or '-', starting with a letter, e.g. prod or tenant-a (it goes into deployed names and paths)";
            case "version" -> "a version name is 1-16 lowercase letters, digits or '_', starting with a letter, e.g. v1 or v2_beta";
            case "enum value" -> "an enum value is letters, digits or '_', starting with a letter (it becomes a proto enum constant)";
            default -> "a " + what + " name is lowercase snake_case: letters, digits or '_', starting with a letter, at most 64 characters";
        };
    }
}
