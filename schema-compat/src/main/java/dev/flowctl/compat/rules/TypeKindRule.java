package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Optional;

/**
 * A change of wire kind at one scope (input, list element, map key or value). No widening is
 * recognised: under the proto3 mapping every kind change alters the wire or the JSON form.
 */
abstract class TypeKindRule extends RuleBase {
    private final java.util.Set<InputPair.Scope> scopes;

    TypeKindRule(String id, String purpose, String example, InputPair.Scope... scopes) {
        super(id, Severity.BREAKING, Severity.BREAKING, purpose, example);
        this.scopes = java.util.EnumSet.copyOf(java.util.List.of(scopes));
    }

    @Override
    public final Optional<Judgement> judge(InputPair p) {
        if (!scopes.contains(p.scope()) || !p.kept() || Types.sameKind(p.beforeType(), p.afterType())) return Optional.empty();
        String a = p.beforeType().display();
        String b = p.afterType().display();
        return found(a, b, "type of " + Describe.place(p) + " changed from " + a + " to " + b);
    }
}
