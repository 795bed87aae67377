package dev.flowctl.compat;

import dev.flowctl.compat.check.CompatibilityChecker;
import dev.flowctl.compat.check.RuleRegistry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.spec.CompatibilityMode;
import dev.flowctl.spec.InputSpec;
import dev.flowctl.spec.TypeRef;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Laws the checker keeps for any pair of schemas, including nested and named types. */
class CompatibilityPropertiesTest {
    private final CompatibilityChecker checker = new CompatibilityChecker();

    @Property(tries = 500)
    void randomSchemaPairsNeverCrashTheChecker(@ForAll("schemas") List<InputSpec> a, @ForAll("schemas") List<InputSpec> b,
                                               @ForAll CompatibilityMode mode) {
        List<Finding> findings = checker.check(a, b, mode);
        assertTrue(findings.stream().allMatch(f -> f.path() != null && f.ruleId() != null && f.message() != null));
    }

    @Property(tries = 300)
    void aSchemaIsCompatibleWithItselfAlsoAfterARoundTripThroughState(@ForAll("schemas") List<InputSpec> a,
                                                                      @ForAll CompatibilityMode mode) {
        assertEquals(List.of(), checker.check(a, a, mode));
        assertEquals(List.of(), checker.check(Schemas.viaState(a), a, mode));
    }

    /** The pairing skips equal pairs; this holds every rule to never reporting one, in any scope. */
    @Property(tries = 300)
    void noRuleReportsAnUnchangedPair(@ForAll("schemas") List<InputSpec> a, @ForAll InputPair.Scope scope) {
        for (InputSpec input : a) {
            for (CompatRule rule : RuleRegistry.all()) {
                InputPair same = new InputPair(input.name(), scope, input, input);
                assertEquals(java.util.Optional.empty(), rule.judge(same), rule.id() + " on " + input);
                InputPair copy = new InputPair(input.name(), scope, input, new InputSpec(input.name(), input.type(),
                        input.required(), input.defaultValue(), "another description"));
                assertEquals(java.util.Optional.empty(), rule.judge(copy), rule.id() + " on a description change of " + input);
            }
        }
    }

    @Property(tries = 500)
    void backwardFromAToBIsForwardFromBToA(@ForAll("schemas") List<InputSpec> a, @ForAll("schemas") List<InputSpec> b) {
        List<Finding> backward = checker.check(a, b, CompatibilityMode.BACKWARD);
        List<Finding> forward = checker.check(b, a, CompatibilityMode.FORWARD);
        assertEquals(CompatibilityChecker.verdict(backward), CompatibilityChecker.verdict(forward));
        assertEquals(worstByPath(backward), worstByPath(forward));
    }

    @Property(tries = 300)
    void noFindingExceedsItsRulesDeclaredWorstSeverity(@ForAll("schemas") List<InputSpec> a, @ForAll("schemas") List<InputSpec> b) {
        for (Finding f : checker.check(a, b, CompatibilityMode.BACKWARD)) {
            assertTrue(f.severity().compareTo(RuleRegistry.byId(f.ruleId()).orElseThrow().backward()) <= 0, f.toString());
        }
        for (Finding f : checker.check(a, b, CompatibilityMode.FORWARD)) {
            assertTrue(f.severity().compareTo(RuleRegistry.byId(f.ruleId()).orElseThrow().forward()) <= 0, f.toString());
        }
    }

    /** Case-only renames are reported under the new spelling, so compare paths ignoring case. */
    private static Map<String, Severity> worstByPath(List<Finding> findings) {
        Map<String, Severity> out = new TreeMap<>();
        for (Finding f : findings) out.merge(f.path().toLowerCase(Locale.ROOT), f.severity(), Severity::max);
        return out;
    }

    @Provide
    Arbitrary<List<InputSpec>> schemas() {
        return inputs(types(), 0, 5);
    }

    private Arbitrary<List<InputSpec>> inputs(Arbitrary<TypeRef> types, int min, int max) {
        Arbitrary<InputSpec> input = Combinators.combine(
                Arbitraries.of("fleet_id", "months", "mode", "Mode", "window", "tags"), types,
                Arbitraries.of(false, true), Arbitraries.longs().between(0, 3).injectNull(0.5))
                .as((name, type, required, def) -> new InputSpec(name, type, required,
                        required || !isInt(type) ? null : def, null));
        return input.list().ofMinSize(min).ofMaxSize(max).uniqueElements(i -> i.name().toLowerCase(Locale.ROOT));
    }

    private Arbitrary<TypeRef> types() {
        return Arbitraries.recursive(this::leaves, this::containers, 0, 3);
    }

    private Arbitrary<TypeRef> containers(Arbitrary<TypeRef> inner) {
        return Arbitraries.oneOf(
                inner.map(TypeRef.ListType::new),
                inner.map(v -> new TypeRef.MapType(TypeRef.Primitive.STRING, v)),
                inputs(inner, 1, 3).map(TypeRef.StructType::new));
    }

    private Arbitrary<TypeRef> leaves() {
        Arbitrary<TypeRef> enums = Arbitraries.of("fast", "full", "FULL", "debug", "Slow").list().ofMinSize(1).ofMaxSize(4)
                .uniqueElements(v -> v.toLowerCase(Locale.ROOT)).map(TypeRef.EnumType::new);
        Arbitrary<TypeRef> patterns = Arbitraries.of("^s3://.*$", "^gs://.*$").injectNull(0.4)
                .map(p -> new TypeRef.CustomType(p == null ? "plain" : "path", TypeRef.Primitive.STRING, p, null, null));
        Arbitrary<BigDecimal> bounds = Arbitraries.of(new BigDecimal("0"), new BigDecimal("1"), new BigDecimal("60"),
                new BigDecimal("120.0")).injectNull(0.4);
        Arbitrary<TypeRef> ranges = Combinators.combine(Arbitraries.of("months", "lookback"), bounds, bounds)
                .as((name, lo, hi) -> new TypeRef.CustomType(name, TypeRef.Primitive.INT, null, lo, hi));
        return Arbitraries.oneOf(Arbitraries.of(TypeRef.Primitive.class).map(p -> (TypeRef) p), enums, patterns, ranges);
    }

    private static boolean isInt(TypeRef t) {
        return t == TypeRef.Primitive.INT || (t instanceof TypeRef.CustomType c && c.base() == TypeRef.Primitive.INT);
    }
}
