package dev.flowctl.compat.rules;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Compares defaults as values: a default read back from state holds Integers where the parser
 * made Longs, and 1 and 1.0 are the same number to a JSON caller.
 */
final class DefaultValues {
    private DefaultValues() {
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a, b) || Objects.equals(normal(a), normal(b));
    }

    private static Object normal(Object v) {
        if (v instanceof Number n) return new BigDecimal(n.toString()).stripTrailingZeros();
        if (v instanceof List<?> l) return l.stream().map(DefaultValues::normal).collect(Collectors.toList());
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, normal(x)));
            return out;
        }
        return v;
    }
}
