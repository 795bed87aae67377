package dev.flowctl.plan;

/** What happens to one flow version; why it happens is an {@link ActionReason}. */
public enum Action {
    CREATE("+", "create"),
    UPDATE("~", "update in-place"),
    DELETE("-", "delete"),
    NO_OP(" ", "no changes");

    private final String symbol;
    private final String verb;

    Action(String symbol, String verb) {
        this.symbol = symbol;
        this.verb = verb;
    }

    /** The Terraform-style marker: + create, ~ update, - delete. */
    public String symbol() {
        return symbol;
    }

    public String verb() {
        return verb;
    }
}
