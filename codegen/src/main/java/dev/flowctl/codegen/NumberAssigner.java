package dev.flowctl.codegen;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.codegen.FlowsLock.Kind;
import dev.flowctl.codegen.FlowsLock.Pin;
import dev.flowctl.codegen.FlowsLock.ScopeKey;
import dev.flowctl.spec.FlowVersionAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Gives every field and enum value its number from the previous lock, and a fresh one (above
 * every number ever used in that scope) to anything new. Collects the next lock as it goes:
 * scopes no longer generated (a deleted flow version, a struct input removed) are dropped.
 */
final class NumberAssigner {
    /**
     * A member to number: a field with its proto type, or an enum value (type null). A field of a
     * nested enum or message type says which ({@code nested} VALUE or FIELD, the kind of the
     * scope its own members are numbered in), since both are written by the same type name.
     */
    record Member(String name, String type, Kind nested) {
        Member(String name, String type) {
            this(name, type, null);
        }
    }

    /**
     * The numbers of one scope: by live name, plus what must be declared reserved; and the scope's
     * pins in the next lock with the names numbered in this run (enum constants are named from them).
     */
    record Numbers(Map<String, Integer> byName, TreeSet<Integer> reservedNumbers, TreeSet<String> reservedNames,
                   List<Pin> pins, java.util.Set<String> fresh) {
        int of(String name) {
            return byName.get(name);
        }
    }

    static final int FIRST_RESERVED_BY_PROTOBUF = 19000;
    static final int LAST_RESERVED_BY_PROTOBUF = 19999;
    static final int MAX_FIELD_NUMBER = 536_870_911;

    private final FlowsLock previous;
    /** Versions are numbered concurrently (see {@link Numbered}); each touches only its own scopes. */
    private final Map<ScopeKey, List<Pin>> next = new java.util.concurrent.ConcurrentSkipListMap<>();

    NumberAssigner(FlowsLock previous) {
        this.previous = previous;
    }

    Numbers assign(FlowVersionAddress address, Kind kind, String path, List<Member> members) {
        ScopeKey key = new ScopeKey(address, kind, path);
        Map<String, Pin> live = new LinkedHashMap<>();
        List<Pin> reserved = new ArrayList<>();
        int highest = 0;
        for (Pin pin : previous.pins(key)) {
            highest = Math.max(highest, pin.number());
            if (pin.reserved()) reserved.add(pin);
            else live.put(pin.name(), pin);
        }
        Map<String, Integer> byName = new LinkedHashMap<>();
        List<Pin> pins = new ArrayList<>(reserved);
        java.util.Set<String> current = new java.util.HashSet<>();
        for (Member m : members) current.add(m.name());
        java.util.Set<String> fresh = new java.util.HashSet<>();
        java.util.Set<String> removed = new java.util.HashSet<>();
        for (Pin r : reserved) removed.add(r.name());
        removed.removeAll(live.keySet());
        for (Member m : members) {
            if (removed.contains(m.name())) throw reAdded(address, kind, path, m.name(), reserved);
            Pin old = live.remove(m.name());
            // An enum value pin's type is its pinned constant, not something the value can change.
            if (old != null && (kind == Kind.VALUE || (java.util.Objects.equals(old.type(), m.type())
                    && !nestedKindChanged(address, path, m)))) {
                pins.add(old);
                byName.put(m.name(), old.number());
                continue;
            }
            if (old != null) pins.add(new Pin(old.name(), old.number(), null, true)); // the type changed: new number
            highest = nextNumber(highest, kind, address, path);
            pins.add(new Pin(m.name(), highest, m.type(), false));
            byName.put(m.name(), highest);
            fresh.add(m.name());
        }
        // A removed enum value keeps its constant, which stays a reserved name.
        for (Pin gone : live.values()) pins.add(new Pin(gone.name(), gone.number(), kind == Kind.VALUE ? gone.type() : null, true));
        next.put(key, pins);
        TreeSet<Integer> reservedNumbers = new TreeSet<>();
        TreeSet<String> reservedNames = new TreeSet<>();
        for (Pin p : pins) {
            if (!p.reserved()) continue;
            reservedNumbers.add(p.number());
            if (!current.contains(p.name())) reservedNames.add(p.name());
        }
        return new Numbers(byName, reservedNumbers, reservedNames, List.copyOf(pins), fresh);
    }

    /**
     * Pins the constants of an enum's live values in the next lock: a value whose constant is
     * not its natural one keeps that constant beside its number.
     */
    void pinConstants(FlowVersionAddress address, String path, Map<String, String> constants) {
        ScopeKey key = new ScopeKey(address, Kind.VALUE, path);
        List<Pin> pins = next.get(key);
        for (int i = 0; i < pins.size(); i++) {
            Pin p = pins.get(i);
            if (p.reserved()) continue;
            String constant = constants.get(p.name());
            pins.set(i, new Pin(p.name(), p.number(), EnumConstants.natural(p.name()).equals(constant) ? null : constant, false));
        }
    }

    /**
     * Pins the nested type names of a message's live fields in the next lock: a field whose enum
     * or message is not named after the input keeps that name beside its number.
     */
    void pinTypeNames(FlowVersionAddress address, String path, Map<String, String> typeNames) {
        List<Pin> pins = next.get(new ScopeKey(address, Kind.FIELD, path));
        for (int i = 0; i < pins.size(); i++) {
            Pin p = pins.get(i);
            String typeName = typeNames.get(p.name());
            if (p.reserved() || typeName == null) continue;
            pins.set(i, new Pin(p.name(), p.number(), p.type(), false, Naming.pascal(p.name()).equals(typeName) ? null : typeName));
        }
    }

    /**
     * True if a field's nested type was an enum and is now a message, or the other way round:
     * the lock writes both by name (Mode), but the previous lock numbered the members of the old
     * one in a scope of the other kind. A new message or enum on the wire needs a new number.
     */
    private boolean nestedKindChanged(FlowVersionAddress address, String path, Member m) {
        if (m.nested() == null) return false;
        String child = path.isEmpty() ? m.name() : path + "." + m.name();
        Kind other = m.nested() == Kind.VALUE ? Kind.FIELD : Kind.VALUE;
        return previous.pins(new ScopeKey(address, m.nested(), child)).isEmpty()
                && !previous.pins(new ScopeKey(address, other, child)).isEmpty();
    }

    /**
     * An input (or struct field) removed before, and so declared a reserved name, is back. proto3
     * refuses a field whose name is reserved, and dropping the reservation is what `buf breaking`
     * calls deleting a reserved name: callers that still send the old field must keep it unknown.
     * A JSON caller addresses the input by that name, so a new proto name would not help it either.
     */
    private static CodegenException reAdded(FlowVersionAddress address, Kind kind, String path, String name, List<Pin> reserved) {
        String where = path.isEmpty() ? name : path + "." + name;
        int number = reserved.stream().filter(p -> p.name().equals(name)).mapToInt(Pin::number).max().orElseThrow();
        boolean field = kind == Kind.FIELD;
        return new CodegenException(ErrorCode.CODEGEN_NUMBER_REUSED, address + (field ? " input '" : " enum value '") + where + "' was removed before, and its name stays"
                + " reserved in the published contract (flows.lock: " + address + (field ? " reserved-field " : " reserved-value ") + where
                + " " + number + "); a removed name never comes back, so give the " + (field ? "input" : "value") + " a new name (for example '"
                + name + "_v2') or publish a new flow version.");
    }

    private static int nextNumber(int highest, Kind kind, FlowVersionAddress address, String path) {
        int n = highest + 1;
        if (kind == Kind.FIELD && n >= FIRST_RESERVED_BY_PROTOBUF && n <= LAST_RESERVED_BY_PROTOBUF) {
            n = LAST_RESERVED_BY_PROTOBUF + 1;
        }
        if (n > MAX_FIELD_NUMBER) {
            throw new CodegenException(address + (path.isEmpty() ? "" : " " + path)
                    + " has used every protobuf field number; publish a new flow version.");
        }
        return n;
    }

    FlowsLock lock() {
        return new FlowsLock(next);
    }
}
