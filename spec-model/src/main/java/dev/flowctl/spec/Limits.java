package dev.flowctl.spec;

/**
 * The bounds flows.yaml must keep, in one place. flows.yaml is untrusted input in pull-request
 * CI, so every command that reads it (validate, plan, apply, codegen) runs the same parser with
 * these bounds, and each violation is one problem at its line and column. Each bound is far
 * above any real spec; together they keep reading a spec linear in its size and keep every
 * schema small enough for state, the stubs and the gateway. docs/flows-yaml.md ("Limits") lists them.
 */
public final class Limits {
    /** The largest flows.yaml, in code points. */
    public static final int MAX_CODE_POINTS = SpecParser.MAX_CODE_POINTS;
    /** The longest line, in characters. */
    public static final int MAX_LINE_LENGTH = SpecParser.MAX_LINE_LENGTH;
    /** The longest single value (a description, a default, a setting), in characters; a block scalar may span lines. */
    public static final int MAX_STRING_LENGTH = 65_536;
    /** The deepest YAML nesting of mappings and lists. */
    public static final int MAX_YAML_DEPTH = 64;
    /** The most aliases to collections ({@code *name}, merge keys included) in one document. */
    public static final int MAX_ALIASES = 50;
    /** The most nodes aliases may repeat in one document, counting everything each alias repeats. */
    public static final long MAX_ALIAS_EXPANSION = NodeComposer.MAX_ALIAS_EXPANSION;
    /** The deepest nesting of list, map and struct types in one input. */
    public static final int MAX_TYPE_DEPTH = 32;
    /** The deepest nesting of structs in one input. */
    public static final int MAX_STRUCT_DEPTH = 8;
    /** The most inputs of one version, and the most fields of one struct. */
    public static final int MAX_INPUTS = 1_000;
    /** The most values of one enum. */
    public static final int MAX_ENUM_VALUES = 1_000;
    /** The longest custom-type pattern, in characters. */
    public static final int MAX_PATTERN_LENGTH = UserPatterns.MAX_LENGTH;
    /** The largest custom-type pattern once counted repetitions are expanded. */
    public static final int MAX_PATTERN_SIZE = UserPatterns.MAX_EXPANDED_SIZE;
    /** Names longer than this get no "did you mean" suggestion (no name may be longer). */
    public static final int MAX_SUGGESTED_LENGTH = Problems.MAX_SUGGESTED_LENGTH;

    private Limits() {
    }
}
