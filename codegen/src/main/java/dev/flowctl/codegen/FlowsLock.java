package dev.flowctl.codegen;

import dev.flowctl.errors.ErrorCode;
import dev.flowctl.spec.FlowVersionAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * flows.lock: proto field and enum numbers pinned by name, one line each, sorted so a diff reads
 * as "this input got number 7" or "this number is now reserved". Numbers are never reused:
 * a removed name keeps its number as {@code reserved-*}, and a field whose proto type changes
 * gets a new number while the old one stays reserved.
 */
public final class FlowsLock {
    static final String HEADER = """
            # flows.lock: proto field and enum value numbers, pinned by name. Written by `flowctl codegen`; commit it.
            # A removed input or enum value keeps its number as reserved-*; a number is never reused.
            # <flow@version> field <path> <number> <proto type> | value <enum path>.<value> <number> | reserved-field | reserved-value
            """;

    /** Kinds of numbered members: message fields or enum values. */
    enum Kind {
        FIELD, VALUE
    }

    /** Where numbers are unique: one message (fields) or one enum (values) of one flow version. */
    record ScopeKey(FlowVersionAddress address, Kind kind, String path) implements Comparable<ScopeKey> {
        // Built once: TreeMap lookups compare keys millions of times on a large spec.
        private static final Comparator<ScopeKey> ORDER = Comparator.comparing(ScopeKey::address)
                .thenComparing(ScopeKey::kind).thenComparing(ScopeKey::path);

        @Override
        public int compareTo(ScopeKey o) {
            return ORDER.compare(this, o);
        }
    }

    /**
     * One pinned number; {@code type} is the proto type of a field, and for an enum value its
     * constant when that is not the upper-cased value (null otherwise). {@code typeName} is the
     * name of a live field's nested enum or message when that is not the input's PascalCase name
     * (null otherwise): given once to dodge a clash, then kept.
     */
    record Pin(String name, int number, String type, boolean reserved, String typeName) {
        static final Comparator<Pin> BY_NUMBER = Comparator.comparingInt(Pin::number);

        Pin(String name, int number, String type, boolean reserved) {
            this(name, number, type, reserved, null);
        }
    }

    private final Map<ScopeKey, List<Pin>> scopes;

    FlowsLock(Map<ScopeKey, List<Pin>> scopes) {
        this.scopes = new TreeMap<>(scopes);
    }

    public static FlowsLock empty() {
        return new FlowsLock(Map.of());
    }

    /** The lock at {@code file}, or an empty lock when there is none yet. */
    public static FlowsLock read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static FlowsLock parse(String text, String source) {
        Map<ScopeKey, List<Pin>> scopes = new TreeMap<>();
        // Per scope, the line that claimed each number, and each live name: a hand edit must not
        // silently give one number to two members (the wire would mix them) or one name two numbers.
        Map<ScopeKey, Map<Integer, Integer>> numberLines = new HashMap<>();
        Map<ScopeKey, Map<String, Integer>> liveNameLines = new HashMap<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] p = line.split(" ", 5);
            try {
                FlowVersionAddress address = FlowVersionAddress.parse(p[0]);
                String kind = p[1];
                boolean field = kind.equals("field") || kind.equals("reserved-field");
                if (!field && !kind.equals("value") && !kind.equals("reserved-value")) {
                    throw new IllegalArgumentException("unknown entry kind '" + kind + "'");
                }
                int dot = p[2].lastIndexOf('.');
                String parent = dot < 0 ? "" : p[2].substring(0, dot);
                String name = p[2].substring(dot + 1);
                int number = Integer.parseInt(p[3]);
                if (number < 1 || (field && (number > NumberAssigner.MAX_FIELD_NUMBER
                        || (number >= NumberAssigner.FIRST_RESERVED_BY_PROTOBUF && number <= NumberAssigner.LAST_RESERVED_BY_PROTOBUF)))) {
                    // 0 is an enum's UNSPECIFIED; protoc refuses the others.
                    throw new IllegalArgumentException((field ? "field" : "enum value") + " number " + number + " is never assigned by flowctl");
                }
                String type = kind.equals("field") ? p[4] : null;
                String typeName = null;
                int space = type == null ? -1 : type.lastIndexOf(' ');
                if (space > 0 && isNestedTypeOf(type.substring(0, space), name)) {
                    // A nested type name other than the input's own: given once to dodge a clash, then kept.
                    typeName = type.substring(space + 1);
                    if (!typeName.matches("[A-Z][A-Za-z0-9_]*")) throw new IllegalArgumentException("'" + typeName + "' is not a type name");
                    type = type.substring(0, space);
                }
                if (!field && p.length > 4) {
                    // An enum constant other than the upper-cased value: given once to dodge a clash, then kept.
                    if (!p[4].matches("[A-Z][A-Z0-9_]*")) throw new IllegalArgumentException("'" + p[4] + "' is not an enum constant");
                    type = p[4];
                }
                boolean reserved = kind.startsWith("reserved");
                ScopeKey key = new ScopeKey(address, field ? Kind.FIELD : Kind.VALUE, parent);
                List<Pin> pins = scopes.computeIfAbsent(key, k -> new ArrayList<>());
                Integer numberLine = numberLines.computeIfAbsent(key, k -> new HashMap<>()).putIfAbsent(number, n + 1);
                if (numberLine != null) {
                    Pin other = pins.stream().filter(x -> x.number() == number).findFirst().orElseThrow();
                    throw duplicate(source, n + 1, address + " " + (field ? "field" : "value") + " number " + number
                            + " is given to both '" + qualified(parent, other.name()) + "' (line " + numberLine + ") and '" + p[2] + "'");
                }
                if (!reserved) {
                    Integer nameLine = liveNameLines.computeIfAbsent(key, k -> new HashMap<>()).putIfAbsent(name, n + 1);
                    if (nameLine != null) {
                        throw duplicate(source, n + 1, address + " " + (field ? "field" : "value") + " '" + p[2]
                                + "' is pinned twice, to " + pins.stream().filter(x -> !x.reserved() && x.name().equals(name))
                                .findFirst().orElseThrow().number() + " (line " + nameLine + ") and " + number);
                    }
                }
                pins.add(new Pin(name, number, type, reserved, typeName));
            } catch (CodegenException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new CodegenException(ErrorCode.CODEGEN_LOCK_INVALID, source + ":" + (n + 1) + ": cannot read this flows.lock line (" + e.getMessage()
                        + "); restore it from version control instead of editing it by hand.");
            }
        }
        return new FlowsLock(scopes);
    }

    /**
     * True if {@code type} is the proto type of a field whose nested type is named after the input
     * ({@code Mode}, {@code repeated Mode}, {@code map<string, Mode>} for input {@code mode}): only
     * then can a further column be the name that type actually has.
     */
    private static boolean isNestedTypeOf(String type, String input) {
        String own = Naming.pascal(input);
        return type.equals(own) || type.equals("repeated " + own) || type.equals("map<string, " + own + ">");
    }

    private static String qualified(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    private static CodegenException duplicate(String source, int line, String what) {
        return new CodegenException(ErrorCode.CODEGEN_LOCK_INVALID, source + ":" + line + ": " + what + "; numbers and names are unique in a message or enum,"
                + " so restore flows.lock from version control instead of editing it by hand.");
    }

    List<Pin> pins(ScopeKey key) {
        return scopes.getOrDefault(key, List.of());
    }

    /** The lock as committed: header, then one line per pin, by flow version, scope and number. */
    public String render() {
        StringBuilder b = new StringBuilder(HEADER);
        scopes.forEach((key, pins) -> pins.stream().sorted(Pin.BY_NUMBER).forEach(pin -> {
            String path = key.path().isEmpty() ? pin.name() : key.path() + "." + pin.name();
            String kind = (pin.reserved() ? "reserved-" : "") + (key.kind() == Kind.FIELD ? "field" : "value");
            b.append(key.address()).append(' ').append(kind).append(' ').append(path).append(' ').append(pin.number());
            if (pin.type() != null && (!pin.reserved() || key.kind() == Kind.VALUE)) b.append(' ').append(pin.type());
            if (pin.typeName() != null && !pin.reserved()) b.append(' ').append(pin.typeName());
            b.append('\n');
        }));
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowsLock l && l.render().equals(render());
    }

    @Override
    public int hashCode() {
        return render().hashCode();
    }
}
