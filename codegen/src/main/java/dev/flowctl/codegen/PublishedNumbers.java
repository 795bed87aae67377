package dev.flowctl.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers of one generated .proto, by message or enum: what the file codegen wrote last time
 * published, and what it would write now. flows.lock is the only memory of numbers, so a lock
 * that was deleted, emptied, truncated or stripped of its reserved lines would silently number
 * afresh ({@code c = 3} becoming {@code c = 2}, the reserved number of a removed field): callers
 * break on the wire. Comparing the two catches exactly that, whatever happened to the lock.
 *
 * <p>Scopes are keyed by kind and nested name ({@code message ScoresInput.Limits},
 * {@code enum ScoresInput.Mode}); a number maps to its member's name, or to {@link #RESERVED}.
 */
final class PublishedNumbers {
    static final String RESERVED = "";

    private static final int MAX_LINE = 1_000;
    private static final Pattern OPEN = Pattern.compile("(message|enum|service)\\s+(\\w+)\\s*\\{");
    private static final Pattern RESERVED_NUMBERS = Pattern.compile("reserved\\s+(\\d{1,10}(?:\\s*,\\s*\\d{1,10})*)\\s*;");
    private static final Pattern MEMBER = Pattern.compile(".*?(\\w+)\\s*=\\s*(\\d{1,10})\\s*;");

    private PublishedNumbers() {
    }

    /**
     * The numbers in the text of a generated .proto, as {@link ProtoRenderer} lays it out (one
     * declaration a line). A file that is not in that layout yields fewer numbers, never an error.
     */
    static Map<String, Map<Integer, String>> of(String proto) {
        Map<String, Map<Integer, String>> out = new TreeMap<>();
        List<String> scopes = new ArrayList<>(); // "message A", "message A.B", or null inside a service
        for (String raw : proto.split("\n")) {
            String line = raw.strip();
            // The file is in the repository, so a pull request may have edited it: a line ProtoRenderer never
            // writes (far longer than any declaration) is skipped rather than matched, which bounds the work.
            if (line.startsWith("//") || line.isEmpty() || line.length() > MAX_LINE) continue;
            String current = scopes.isEmpty() ? null : scopes.get(scopes.size() - 1);
            Matcher open = OPEN.matcher(line);
            if (open.matches()) {
                boolean service = open.group(1).equals("service");
                String parent = current == null ? "" : current.substring(current.indexOf(' ') + 1) + ".";
                scopes.add(service || (current == null && !scopes.isEmpty()) ? null : open.group(1) + " " + parent + open.group(2));
                continue;
            }
            if (line.equals("}")) {
                if (!scopes.isEmpty()) scopes.remove(scopes.size() - 1);
                continue;
            }
            if (current == null) continue;
            Matcher reserved = RESERVED_NUMBERS.matcher(line);
            if (reserved.matches()) {
                for (String n : reserved.group(1).split(",")) put(out, current, Long.parseLong(n.strip()), RESERVED);
                continue;
            }
            Matcher member = MEMBER.matcher(line);
            if (member.matches()) put(out, current, Long.parseLong(member.group(2)), member.group(1));
        }
        return out;
    }

    private static void put(Map<String, Map<Integer, String>> out, String scope, long number, String name) {
        if (number <= Integer.MAX_VALUE) out.computeIfAbsent(scope, s -> new TreeMap<>()).put((int) number, name);
    }

    /** The numbers of a file codegen is about to write. */
    static Map<String, Map<Integer, String>> of(ProtoModel.File file) {
        Map<String, Map<Integer, String>> out = new TreeMap<>();
        for (ProtoModel.Message m : file.messages()) message(out, "", m);
        return out;
    }

    private static void message(Map<String, Map<Integer, String>> out, String parent, ProtoModel.Message m) {
        String name = parent + m.name();
        Map<Integer, String> numbers = out.computeIfAbsent("message " + name, s -> new TreeMap<>());
        m.reservedNumbers().forEach(n -> numbers.put(n, RESERVED));
        m.fields().forEach(f -> numbers.put(f.number(), f.name()));
        for (ProtoModel.Enum e : m.enums()) {
            Map<Integer, String> values = out.computeIfAbsent("enum " + name + "." + e.name(), s -> new TreeMap<>());
            e.reservedNumbers().forEach(n -> values.put(n, RESERVED));
            e.values().forEach(v -> values.put(v.number(), v.name()));
        }
        for (ProtoModel.Message n : m.nested()) message(out, name + ".", n);
    }

    /**
     * Each number {@code published} holds that {@code next} would drop or give to another member,
     * one description per message or enum ("in message ScoresInput, reserved 2 would go to 'c',
     * 'c' = 3 would be dropped"). A member whose number becomes reserved was removed, which is
     * allowed; a message or enum no longer generated at all (its input was removed) is not compared.
     */
    static List<String> lost(Map<String, Map<Integer, String>> published, Map<String, Map<Integer, String>> next) {
        List<String> out = new ArrayList<>();
        published.forEach((scope, numbers) -> {
            Map<Integer, String> now = next.get(scope);
            if (now == null) return;
            List<String> changes = new ArrayList<>();
            numbers.forEach((number, name) -> {
                String then = name.equals(RESERVED) ? "reserved " + number : "'" + name + "' = " + number;
                String become = now.get(number);
                if (become == null) {
                    changes.add(then + " would be dropped");
                } else if (!become.equals(RESERVED) && !become.equals(name)) {
                    changes.add(then + " would go to '" + become + "'");
                }
            });
            if (changes.isEmpty()) return;
            String shown = String.join(", ", changes.subList(0, Math.min(3, changes.size())));
            out.add("in " + scope + ", " + shown + (changes.size() > 3 ? " and " + (changes.size() - 3) + " more" : ""));
        });
        return out;
    }
}
