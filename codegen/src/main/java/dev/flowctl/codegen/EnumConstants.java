package dev.flowctl.codegen;

import dev.flowctl.codegen.FlowsLock.Pin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Names the proto enum constants of one message's enums (Java's enum constants are the same
 * names without the prefix). A value's constant is its upper-cased value unless protoc would
 * refuse that: the same name twice in the message (enum constants are siblings of their enum,
 * so {@code mode: [x_y]} and {@code mode_x: [y]} both make MODE_X_Y), two names alike once
 * protoc drops underscores and case ({@code a_b} and {@code a__b}), a reserved name, or
 * UNSPECIFIED. Then it gets {@code _<its number>}. A constant, once given, is pinned in flows.lock
 * beside the value's number, so adding a value later never renames an existing one.
 */
final class EnumConstants {
    /**
     * One enum: its proto type name, constant prefix ({@code MODE_}), the number of its field
     * (the order in which enums claim names), its pins in the next flows.lock (the type of a value
     * pin is its constant when that is not the natural one), and the values numbered in this run.
     */
    record Scope(String typeName, String prefix, int fieldNumber, List<Pin> pins, Set<String> fresh) {
    }

    /** One enum's outcome: the constant (without prefix) of each live value, and the reserved names to declare. */
    record Resolved(Map<String, String> constants, TreeSet<String> reservedNames) {
    }

    private EnumConstants() {
    }

    /** The natural constant of a value: {@code fast} -> {@code FAST}. */
    static String natural(String value) {
        return Naming.upper(value);
    }

    static List<Resolved> resolve(List<Scope> scopes) {
        int count = scopes.size();
        Set<String> message = new HashSet<>(); // full names, siblings in the message's scope
        List<Set<String>> keys = new ArrayList<>(); // per enum: protoc's case- and underscore-blind form
        List<TreeSet<String>> reserved = new ArrayList<>();
        List<Map<String, String>> constants = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Scope s = scopes.get(i);
            String unspecified = s.prefix() + "UNSPECIFIED";
            message.add(unspecified);
            keys.add(new HashSet<>(Set.of(key(s.typeName(), unspecified))));
            reserved.add(new TreeSet<>());
            constants.add(new LinkedHashMap<>());
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> scopes.get(i).fieldNumber()));

        for (int i : order) {
            Scope s = scopes.get(i);
            List<Pin> live = live(s);
            for (Pin p : live) {
                String constant = p.type() != null ? p.type() : natural(p.name());
                String full = s.prefix() + constant;
                if (!s.fresh().contains(p.name()) && !message.contains(full) && keys.get(i).add(key(s.typeName(), full))) {
                    message.add(full);
                    constants.get(i).put(p.name(), constant);
                }
            }
            // A removed value keeps its name reserved, unless it is back (in any letter case).
            Set<String> back = new HashSet<>();
            for (Pin p : live) back.add(p.name().toUpperCase(Locale.ROOT));
            for (Pin p : s.pins().stream().filter(Pin::reserved).sorted(Pin.BY_NUMBER).toList()) {
                String full = s.prefix() + (p.type() != null ? p.type() : natural(p.name()));
                if (!back.contains(p.name().toUpperCase(Locale.ROOT)) && !constants.get(i).containsValue(full.substring(s.prefix().length()))) {
                    reserved.get(i).add(full);
                }
            }
        }
        for (int i : order) {
            Scope s = scopes.get(i);
            for (Pin p : live(s)) {
                if (constants.get(i).containsKey(p.name())) continue;
                String constant = natural(p.name());
                while (message.contains(s.prefix() + constant) || reserved.get(i).contains(s.prefix() + constant)
                        || keys.get(i).contains(key(s.typeName(), s.prefix() + constant))) {
                    constant = constant + "_" + p.number();
                }
                message.add(s.prefix() + constant);
                keys.get(i).add(key(s.typeName(), s.prefix() + constant));
                constants.get(i).put(p.name(), constant);
            }
        }
        List<Resolved> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(new Resolved(constants.get(i), reserved.get(i)));
        return out;
    }

    private static List<Pin> live(Scope s) {
        return s.pins().stream().filter(p -> !p.reserved()).sorted(Pin.BY_NUMBER).toList();
    }

    /**
     * What protoc compares enum constants by (descriptor.cc, CheckEnumValueUniqueness): the name
     * without the enum's name as prefix, then PascalCase with underscores dropped.
     */
    static String key(String enumTypeName, String constant) {
        String prefix = enumTypeName.replace("_", "").toLowerCase(Locale.ROOT);
        String rest = constant;
        int i = 0;
        int j = 0;
        boolean stripped = true;
        for (; i < constant.length() && j < prefix.length(); i++) {
            char c = constant.charAt(i);
            if (c == '_') continue;
            if (Character.toLowerCase(c) != prefix.charAt(j++)) {
                stripped = false;
                break;
            }
        }
        if (stripped && j == prefix.length()) {
            while (i < constant.length() && constant.charAt(i) == '_') i++;
            if (i < constant.length()) rest = constant.substring(i);
        }
        StringBuilder b = new StringBuilder();
        boolean upper = true;
        for (char c : rest.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
                upper = false;
            }
        }
        return b.toString();
    }
}
