package dev.flowctl.compat.check;

import dev.flowctl.compat.InputPair;
import dev.flowctl.spec.InputSpec;
import dev.flowctl.spec.TypeRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The framework half of checking: matches inputs by name (recursively into struct fields, list
 * elements, map keys and values) so that each rule only ever judges one (before, after) pair.
 * Pairs whose two sides are equal are left out: no rule reports an unchanged pair (a property
 * test holds every rule to that), and most inputs of a changed version are unchanged.
 */
final class SchemaPairing {
    private SchemaPairing() {
    }

    /** Every pair of the two schemas, parents before their children, siblings by name. */
    static List<InputPair> pairs(List<InputSpec> deployed, List<InputSpec> desired) {
        List<InputPair> out = new ArrayList<>();
        named("", InputPair.Scope.INPUT, deployed, desired, out);
        return out;
    }

    private static void named(String prefix, InputPair.Scope scope, List<InputSpec> deployed, List<InputSpec> desired,
                              List<InputPair> out) {
        Map<String, InputSpec> before = byName(deployed);
        Map<String, InputSpec> after = byName(desired);
        Map<String, String> caseRenames = before.keySet().equals(after.keySet()) ? Map.of() : caseRenames(before, after);
        Map<String, String> renamedFrom = new HashMap<>();
        caseRenames.forEach((oldName, newName) -> renamedFrom.put(newName, oldName));
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            InputSpec b = before.get(name);
            InputSpec a = after.get(name);
            if (a == null && caseRenames.containsKey(name)) continue; // paired under its new spelling
            if (b == null && renamedFrom.containsKey(name)) b = before.get(renamedFrom.get(name));
            if (b != null && b.equals(a)) continue; // identical, children included: no rule reports an unchanged pair
            InputPair pair = new InputPair(prefix + name, scope, b, a);
            out.add(pair);
            if (pair.kept()) nested(pair, out);
        }
    }

    /**
     * Old name to new name for inputs whose name changed only in case. Only an unambiguous match
     * counts: exactly one unmatched name on each side with the same lower-case spelling.
     */
    private static Map<String, String> caseRenames(Map<String, InputSpec> before, Map<String, InputSpec> after) {
        Map<String, List<String>> gone = unmatchedByLowerCase(before, after);
        Map<String, List<String>> come = unmatchedByLowerCase(after, before);
        Map<String, String> renames = new HashMap<>();
        gone.forEach((lower, olds) -> {
            List<String> news = come.get(lower);
            if (olds.size() == 1 && news != null && news.size() == 1) renames.put(olds.get(0), news.get(0));
        });
        return renames;
    }

    private static Map<String, List<String>> unmatchedByLowerCase(Map<String, InputSpec> side, Map<String, InputSpec> other) {
        Map<String, List<String>> out = new HashMap<>();
        for (String name : side.keySet()) {
            if (!other.containsKey(name)) out.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(name);
        }
        return out;
    }

    /** Descends into a kept pair whose two sides are the same kind of container. */
    private static void nested(InputPair pair, List<InputPair> out) {
        TypeRef b = pair.beforeType();
        TypeRef a = pair.afterType();
        if (b instanceof TypeRef.StructType sb && a instanceof TypeRef.StructType sa) {
            named(pair.path() + ".", InputPair.Scope.FIELD, sb.fields(), sa.fields(), out);
        } else if (b instanceof TypeRef.ListType lb && a instanceof TypeRef.ListType la) {
            typed(pair.path() + "[]", InputPair.Scope.LIST_ELEMENT, lb.element(), la.element(), out);
        } else if (b instanceof TypeRef.MapType mb && a instanceof TypeRef.MapType ma) {
            typed(pair.path() + "{key}", InputPair.Scope.MAP_KEY, mb.key(), ma.key(), out);
            typed(pair.path() + "{value}", InputPair.Scope.MAP_VALUE, mb.value(), ma.value(), out);
        }
    }

    private static void typed(String path, InputPair.Scope scope, TypeRef before, TypeRef after, List<InputPair> out) {
        if (before.equals(after)) return;
        InputPair pair = new InputPair(path, scope, unnamed(path, before), unnamed(path, after));
        out.add(pair);
        nested(pair, out);
    }

    private static InputSpec unnamed(String path, TypeRef type) {
        return new InputSpec(path, type, false, null, null);
    }

    private static Map<String, InputSpec> byName(List<InputSpec> inputs) {
        Map<String, InputSpec> map = new LinkedHashMap<>();
        for (InputSpec i : inputs) map.put(i.name(), i);
        return map;
    }
}
