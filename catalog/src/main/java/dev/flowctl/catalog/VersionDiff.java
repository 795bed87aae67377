package dev.flowctl.catalog;

import dev.flowctl.spec.InputSpec;
import dev.flowctl.spec.SchemaJson;
import dev.flowctl.spec.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What differs between two versions' inputs, one line each, for a reader choosing between them
 * (the compatibility check judges changes within one version; across versions anything may change).
 */
final class VersionDiff {
    private VersionDiff() {
    }

    static List<String> between(List<InputSpec> before, List<InputSpec> after) {
        List<String> out = new ArrayList<>();
        compare("", before, after, out);
        return out;
    }

    private static void compare(String prefix, List<InputSpec> before, List<InputSpec> after, List<String> out) {
        Map<String, InputSpec> old = byName(before);
        Map<String, InputSpec> now = byName(after);
        TreeSet<String> names = new TreeSet<>(old.keySet());
        names.addAll(now.keySet());
        for (String name : names) {
            InputSpec a = old.get(name);
            InputSpec b = now.get(name);
            String path = prefix + name;
            if (a == null) {
                out.add("adds " + path + " (" + b.type().display() + (b.required() ? ", required" : "")
                        + (b.defaultValue() != null ? ", default " + defaultText(b) : "") + ")");
            } else if (b == null) {
                out.add("removes " + path);
            } else {
                if (a.type() instanceof TypeRef.StructType sa && b.type() instanceof TypeRef.StructType sb) {
                    compare(path + ".", sa.fields(), sb.fields(), out);
                } else if (!a.type().display().equals(b.type().display())) {
                    out.add(path + ": type " + a.type().display() + " → " + b.type().display());
                }
                if (a.required() != b.required()) out.add(path + (b.required() ? " becomes required" : " becomes optional"));
                if (!Objects.equals(defaultText(a), defaultText(b))) {
                    out.add(path + ": default " + (a.defaultValue() == null ? "none" : defaultText(a)) + " → "
                            + (b.defaultValue() == null ? "none" : defaultText(b)));
                }
            }
        }
    }

    private static Map<String, InputSpec> byName(List<InputSpec> inputs) {
        Map<String, InputSpec> m = new TreeMap<>();
        inputs.forEach(i -> m.put(i.name(), i));
        return m;
    }

    /** A default as JSON text, the form the schema records; null when there is none. */
    static String defaultText(InputSpec i) {
        return i.defaultValue() == null ? null : SchemaJson.toJson(List.of(i)).get(0).get("default").toString();
    }
}
