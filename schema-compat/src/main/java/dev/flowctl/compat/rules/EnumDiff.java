package dev.flowctl.compat.rules;

import dev.flowctl.compat.InputPair;
import dev.flowctl.spec.TypeRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the values of an enum changed. A value replaced in place (same position, or same spelling
 * ignoring case) counts as renamed, not as one removal plus one addition, so the finding says
 * what the author most likely did.
 */
record EnumDiff(List<String> added, List<String> removed, Map<String, String> renamed, boolean reordered) {

    /** The diff of a kept pair whose two sides are enums, else empty. */
    static Optional<EnumDiff> of(InputPair p) {
        if (!p.kept() || !(p.beforeType() instanceof TypeRef.EnumType a) || !(p.afterType() instanceof TypeRef.EnumType b)) {
            return Optional.empty();
        }
        return Optional.of(of(a.values(), b.values()));
    }

    static EnumDiff of(List<String> before, List<String> after) {
        List<String> removed = new ArrayList<>(before);
        removed.removeAll(after);
        List<String> added = new ArrayList<>(after);
        added.removeAll(before);
        Map<String, String> renamed = new LinkedHashMap<>();
        for (String old : List.copyOf(removed)) {
            for (String neu : added) {
                if (old.toLowerCase(Locale.ROOT).equals(neu.toLowerCase(Locale.ROOT))) {
                    renamed.put(old, neu);
                    break;
                }
            }
            if (renamed.containsKey(old)) {
                removed.remove(old);
                added.remove(renamed.get(old));
            }
        }
        for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
            String old = before.get(i);
            String neu = after.get(i);
            if (removed.contains(old) && added.contains(neu)) {
                renamed.put(old, neu);
                removed.remove(old);
                added.remove(neu);
            }
        }
        List<String> keptBefore = new ArrayList<>(before);
        keptBefore.retainAll(after);
        List<String> keptAfter = new ArrayList<>(after);
        keptAfter.retainAll(before);
        return new EnumDiff(added, removed, renamed, !keptBefore.equals(keptAfter));
    }

    static String list(List<String> values) {
        return (values.size() > 1 ? "values " : "value ") + String.join(", ", values);
    }
}
