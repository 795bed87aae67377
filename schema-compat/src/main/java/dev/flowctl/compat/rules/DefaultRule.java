package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Severity;

/** The shared precondition of the default rules: an input optional on both sides whose type kind stays. */
abstract class DefaultRule extends RuleBase {
    DefaultRule(String id, Severity backward, Severity forward, String purpose, String example) {
        super(id, backward, forward, purpose, example);
    }

    /** True when the pair is an optional input or field on both sides, of one type kind, with different defaults. */
    static boolean defaultsDiffer(InputPair p) {
        return p.keptNamed() && !p.before().required() && !p.after().required()
                && Types.sameKind(p.beforeType(), p.afterType())
                && !DefaultValues.same(p.before().defaultValue(), p.after().defaultValue());
    }
}
