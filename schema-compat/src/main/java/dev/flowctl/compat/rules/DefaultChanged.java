package dev.flowctl.compat.rules;

import dev.flowctl.compat.CompatRule;
import dev.flowctl.compat.InputPair;
import dev.flowctl.compat.Judgement;
import dev.flowctl.compat.Severity;
import java.util.Objects;
import java.util.Optional;

/** A default added, removed or changed on an optional input whose type stays (a type change is judged on its own). */
public final class DefaultChanged implements CompatRule {
    @Override
    public String id() {
        return "DEFAULT_CHANGED";
    }

    @Override
    public String purpose() {
        return "Changing an optional input's default keeps every call valid but changes what callers that leave it out get.";
    }

    @Override
    public Optional<Judgement> judge(InputPair p) {
        if (!p.kept() || p.before().required() || p.after().required()
                || !p.before().type().equals(p.after().type())
                || Objects.equals(p.before().defaultValue(), p.after().defaultValue())) {
            return Optional.empty();
        }
        String what = p.before().hasDefault() ? (p.after().hasDefault() ? "changed" : "removed") : "added";
        return Optional.of(new Judgement(Describe.input(p.before()), Describe.input(p.after()),
                "default of input '" + p.path() + "' " + what + "; callers that leave it out now behave differently",
                Severity.WARNING, Severity.WARNING));
    }
}
