package dev.flowctl.plan;

/** What happens to one flow version; why it happens is an {@link ActionReason}. */
public enum Action {
    CREATE("+", "create"),
    UPDATE("~", "update in-place"),
    DELETE("-", "delete"),
    NO_OP(" ", "no changes"),
    /** Renamed in state ({@code moved:}): the engine deployment keeps its reference; redeployed only if it also changed. */
    MOVE("->", "move"),
    /** Dropped from state ({@code removed:}, {@code flowctl state rm}) while the engine keeps running it. */
    FORGET(".", "forget"),
    /** Redeployed on request ({@code apply --replace}), changed or not: what the engine runs is put back as planned. */
    REPLACE("-/+", "replace");

    private final String symbol;
    private final String verb;

    Action(String symbol, String verb) {
        this.symbol = symbol;
        this.verb = verb;
    }

    /** The Terraform-style marker: + create, ~ update, - delete, -> move, . forget, -/+ replace. */
    public String symbol() {
        return symbol;
    }

    public String verb() {
        return verb;
    }
}
