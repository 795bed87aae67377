package dev.flowctl.compat;

import dev.flowctl.compat.rules.DefaultChanged;
import dev.flowctl.compat.rules.EnumValueAdded;
import dev.flowctl.compat.rules.EnumValueRemoved;
import dev.flowctl.compat.rules.InputAddedOptional;
import dev.flowctl.compat.rules.InputAddedRequired;
import dev.flowctl.compat.rules.InputMadeOptional;
import dev.flowctl.compat.rules.InputMadeRequired;
import dev.flowctl.compat.rules.InputRemoved;
import dev.flowctl.compat.rules.TypeChanged;
import java.util.List;

/** The one place every compatibility rule is registered; docs and `flowctl rules` read it. */
public final class RuleRegistry {
    private static final List<CompatRule> ALL = List.of(
            new InputAddedRequired(),
            new InputAddedOptional(),
            new InputRemoved(),
            new InputMadeRequired(),
            new InputMadeOptional(),
            new DefaultChanged(),
            new TypeChanged(),
            new EnumValueAdded(),
            new EnumValueRemoved());

    private RuleRegistry() {
    }

    public static List<CompatRule> all() {
        return ALL;
    }
}
