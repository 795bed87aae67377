package dev.flowctl.compat.check;

import dev.flowctl.compat.CompatRule;
import dev.flowctl.compat.rules.DefaultAdded;
import dev.flowctl.compat.rules.DefaultChanged;
import dev.flowctl.compat.rules.DefaultRemoved;
import dev.flowctl.compat.rules.EnumOrderChanged;
import dev.flowctl.compat.rules.EnumValueAdded;
import dev.flowctl.compat.rules.EnumValueRemoved;
import dev.flowctl.compat.rules.EnumValueRenamed;
import dev.flowctl.compat.rules.FieldAddedOptional;
import dev.flowctl.compat.rules.FieldAddedRequired;
import dev.flowctl.compat.rules.FieldRemoved;
import dev.flowctl.compat.rules.InputAddedOptional;
import dev.flowctl.compat.rules.InputAddedRequired;
import dev.flowctl.compat.rules.InputMadeOptional;
import dev.flowctl.compat.rules.InputMadeRequired;
import dev.flowctl.compat.rules.InputRemoved;
import dev.flowctl.compat.rules.ListElementTypeChanged;
import dev.flowctl.compat.rules.MapKeyTypeChanged;
import dev.flowctl.compat.rules.MapValueTypeChanged;
import dev.flowctl.compat.rules.MaxLowered;
import dev.flowctl.compat.rules.MaxRaised;
import dev.flowctl.compat.rules.MinLowered;
import dev.flowctl.compat.rules.MinRaised;
import dev.flowctl.compat.rules.NameCaseChanged;
import dev.flowctl.compat.rules.PatternAdded;
import dev.flowctl.compat.rules.PatternChanged;
import dev.flowctl.compat.rules.PatternRemoved;
import dev.flowctl.compat.rules.TypeChanged;
import dev.flowctl.compat.rules.TypeNameChanged;
import java.util.List;
import java.util.Optional;

/**
 * The one place every compatibility rule is registered; docs/compatibility.md and
 * {@code flowctl rules} read it. Add new rules at the end of their group; never rename an ID.
 */
public final class RuleRegistry {
    private static final List<CompatRule> ALL = List.of(
            // inputs and struct fields appearing, disappearing, respelled
            new InputAddedRequired(),
            new InputAddedOptional(),
            new InputRemoved(),
            new FieldAddedRequired(),
            new FieldAddedOptional(),
            new FieldRemoved(),
            new NameCaseChanged(),
            // required-ness and defaults
            new InputMadeRequired(),
            new InputMadeOptional(),
            new DefaultAdded(),
            new DefaultRemoved(),
            new DefaultChanged(),
            // types
            new TypeChanged(),
            new ListElementTypeChanged(),
            new MapKeyTypeChanged(),
            new MapValueTypeChanged(),
            new TypeNameChanged(),
            // enums
            new EnumValueAdded(),
            new EnumValueRemoved(),
            new EnumValueRenamed(),
            new EnumOrderChanged(),
            // constraints of named types
            new PatternAdded(),
            new PatternRemoved(),
            new PatternChanged(),
            new MinRaised(),
            new MinLowered(),
            new MaxLowered(),
            new MaxRaised());

    private RuleRegistry() {
    }

    public static List<CompatRule> all() {
        return ALL;
    }

    public static Optional<CompatRule> byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
