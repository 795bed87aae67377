package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;

/** The element type of a list changed kind. */
public final class ListElementTypeChanged extends TypeKindRule {
    public ListElementTypeChanged() {
        super("LIST_ELEMENT_TYPE_CHANGED",
                "Changing the element type of a list breaks callers: the elements they send no longer fit.",
                "tags: list<string> -> tags: list<int>", InputPair.Scope.LIST_ELEMENT);
    }
}
