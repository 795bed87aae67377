package dev.flowctl.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.flowctl.spec.Spec;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one JSON mapping (docs/calling-flows.md) between a version's generated proto contract and
 * the canonical engine JSON: binary proto (as a {@link Message} of the input type) and proto3 JSON
 * both become canonical JSON, and canonical JSON becomes a message. Conversion only: the result
 * still goes through the version's input check (dev.flowctl.runtime.InputSchema), which refuses
 * what the mapping passed through unchanged (an unknown member, a wrong type, an unspecified enum).
 */
public final class ProtoInputs {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String TIMESTAMP = Timestamp.getDescriptor().getFullName();

    private final Descriptor input;
    /** Per enum full name: constant name to flows.yaml value, and back. */
    private final Map<String, Map<String, String>> values = new HashMap<>();
    private final Map<String, Map<String, String>> constants = new HashMap<>();

    private ProtoInputs(Descriptor input, ProtoModel.File model) {
        this.input = input;
        for (ProtoModel.Message m : model.messages()) index(m, model.pkg() + "." + m.name());
    }

    /** The mapping of every flow version's contract, by address ({@code fleet_features@v1}), built in-process as codegen renders it. */
    public static Map<String, ProtoInputs> of(Codegen.Rendered rendered) {
        return of(rendered.contracts());
    }

    /**
     * The same mapping straight from the spec and its flows.lock: numbered as codegen numbers them,
     * without rendering any file's text (the gateway and the catalog need only the descriptors).
     */
    public static Map<String, ProtoInputs> of(Spec spec, FlowsLock lock) {
        return of(Numbered.of(spec, lock, Set.of(), null).contracts());
    }

    private static Map<String, ProtoInputs> of(List<ProtoModel.File> contracts) {
        FileDescriptor run = SharedContracts.run();
        // Each contract's descriptor is built on its own (3,000 of them for a large project): on every core, kept in order.
        List<ProtoInputs> built = contracts.parallelStream().map(contract -> new ProtoInputs(
                SharedContracts.build(DescriptorRenderer.render(contract), run, Timestamp.getDescriptor().getFile()).getMessageTypes().get(0),
                contract)).toList();
        Map<String, ProtoInputs> out = new LinkedHashMap<>();
        for (int i = 0; i < built.size(); i++) {
            String[] parts = contracts.get(i).path().split("/");
            out.put(parts[parts.length - 3] + "@" + parts[parts.length - 2], built.get(i)); // <project>/flows/<flow>/<version>/<flow>.proto
        }
        return out;
    }

    private void index(ProtoModel.Message m, String fqn) {
        for (ProtoModel.Enum e : m.enums()) {
            Map<String, String> byConstant = new HashMap<>();
            Map<String, String> byValue = new HashMap<>();
            for (ProtoModel.EnumValue v : e.values()) {
                if (v.original() == null) continue;
                byConstant.put(v.name(), v.original());
                byValue.put(v.original(), v.name());
            }
            values.put(fqn + "." + e.name(), byConstant);
            constants.put(fqn + "." + e.name(), byValue);
        }
        for (ProtoModel.Message n : m.nested()) index(n, fqn + "." + n.name());
    }

    /** The version's input message type ({@code <Flow>Input}), to parse binary requests with {@link DynamicMessage#parseFrom}. */
    public Descriptor descriptor() {
        return input;
    }

    // ---- message -> canonical ----

    /** A message of the input type (binary proto parsed) as canonical JSON; a field not set is left out. */
    public ObjectNode canonical(Message message) {
        ObjectNode o = F.objectNode();
        for (FieldDescriptor f : message.getDescriptorForType().getFields()) {
            if (f.isMapField()) {
                if (message.getRepeatedFieldCount(f) == 0) continue;
                ObjectNode map = o.putObject(f.getName());
                FieldDescriptor key = f.getMessageType().findFieldByNumber(1);
                FieldDescriptor value = f.getMessageType().findFieldByNumber(2);
                for (int i = 0; i < message.getRepeatedFieldCount(f); i++) {
                    Message entry = (Message) message.getRepeatedField(f, i);
                    map.set((String) entry.getField(key), value(value, entry.getField(value)));
                }
            } else if (f.isRepeated()) {
                if (message.getRepeatedFieldCount(f) == 0) continue;
                ArrayNode list = o.putArray(f.getName());
                for (int i = 0; i < message.getRepeatedFieldCount(f); i++) list.add(value(f, message.getRepeatedField(f, i)));
            } else if (message.hasField(f)) {
                JsonNode v = value(f, message.getField(f));
                if (!v.isNull()) o.set(f.getName(), v);
            }
        }
        return o;
    }

    private JsonNode value(FieldDescriptor f, Object v) {
        return switch (f.getJavaType()) {
            case STRING -> F.textNode((String) v);
            case LONG -> number((Long) v);
            case DOUBLE -> F.numberNode((Double) v);
            case BOOLEAN -> F.booleanNode((Boolean) v);
            case ENUM -> {
                EnumValueDescriptor e = (EnumValueDescriptor) v;
                if (e.getNumber() == 0 && !f.isRepeated()) yield F.nullNode(); // <ENUM>_UNSPECIFIED: not given
                String original = values.getOrDefault(e.getType().getFullName(), Map.of()).get(e.getName());
                yield original != null ? F.textNode(original) : F.textNode(e.getName()); // refused by the check
            }
            case MESSAGE -> {
                Message m = (Message) v;
                if (!m.getDescriptorForType().getFullName().equals(TIMESTAMP)) yield canonical(m);
                FieldDescriptor seconds = m.getDescriptorForType().findFieldByName("seconds");
                FieldDescriptor nanos = m.getDescriptorForType().findFieldByName("nanos");
                yield F.textNode(Instant.ofEpochSecond((Long) m.getField(seconds), (Integer) m.getField(nanos)).toString());
            }
            default -> throw new IllegalStateException("generated contracts have no " + f.getJavaType() + " fields");
        };
    }

    /** An integer as Jackson parses its text: an int node when it fits. */
    private static JsonNode number(long l) {
        return l == (int) l ? F.numberNode((int) l) : F.numberNode(l);
    }

    // ---- canonical -> message ----

    /** Canonical JSON that passed the input check, as a message of the input type (to send as binary proto). */
    public DynamicMessage message(JsonNode canonical) {
        return message(input, canonical);
    }

    private DynamicMessage message(Descriptor type, JsonNode o) {
        DynamicMessage.Builder b = DynamicMessage.newBuilder(type);
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            FieldDescriptor f = type.findFieldByName(e.getKey());
            if (f == null) throw new IllegalArgumentException("'" + e.getKey() + "' is no field of " + type.getFullName() + "; check the input first");
            JsonNode v = e.getValue();
            if (v.isNull()) continue;
            if (f.isMapField()) {
                Descriptor entry = f.getMessageType();
                for (Map.Entry<String, JsonNode> kv : v.properties()) {
                    b.addRepeatedField(f, DynamicMessage.newBuilder(entry).setField(entry.findFieldByNumber(1), kv.getKey())
                            .setField(entry.findFieldByNumber(2), protoValue(entry.findFieldByNumber(2), kv.getValue())).build());
                }
            } else if (f.isRepeated()) {
                for (JsonNode element : v) b.addRepeatedField(f, protoValue(f, element));
            } else {
                b.setField(f, protoValue(f, v));
            }
        }
        return b.build();
    }

    private Object protoValue(FieldDescriptor f, JsonNode v) {
        return switch (f.getJavaType()) {
            case STRING -> v.textValue();
            case LONG -> v.longValue();
            case DOUBLE -> v.doubleValue();
            case BOOLEAN -> v.booleanValue();
            case ENUM -> {
                EnumDescriptor type = f.getEnumType();
                String constant = constants.getOrDefault(type.getFullName(), Map.of()).get(v.textValue());
                if (constant == null) throw new IllegalArgumentException("'" + v.textValue() + "' is no value of " + type.getFullName());
                yield type.findValueByName(constant);
            }
            case MESSAGE -> {
                if (!f.getMessageType().getFullName().equals(TIMESTAMP)) yield message(f.getMessageType(), v);
                Instant t = Instant.parse(v.textValue());
                yield Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
            }
            default -> throw new IllegalStateException("generated contracts have no " + f.getJavaType() + " fields");
        };
    }

    // ---- either JSON form -> canonical spelling ----

    /**
     * An input in either JSON form, canonical or proto3 JSON (lowerCamelCase names, enum constants
     * such as {@code MODE_FAST} or their numbers, int64 and double as strings), spelled canonically.
     * A canonical spelling always wins, so a canonical input comes back unchanged; anything this
     * cannot place is passed through for the input check to refuse at its path.
     */
    public JsonNode canonicalSpelling(JsonNode input) {
        return spelled(input, input.isObject() ? this.input : null);
    }

    private JsonNode spelled(JsonNode o, Descriptor type) {
        if (type == null || !o.isObject()) return o;
        ObjectNode out = F.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            FieldDescriptor f = type.findFieldByName(e.getKey());
            String name = e.getKey();
            if (f == null) {
                f = byJsonName(type, e.getKey());
                if (f != null && !o.has(f.getName())) name = f.getName();
                else f = null;
            }
            out.set(name, f == null ? e.getValue() : spelledField(f, e.getValue()));
        }
        return out;
    }

    private static FieldDescriptor byJsonName(Descriptor type, String jsonName) {
        for (FieldDescriptor f : type.getFields()) if (f.getJsonName().equals(jsonName)) return f;
        return null;
    }

    private JsonNode spelledField(FieldDescriptor f, JsonNode v) {
        if (f.isMapField() && v.isObject()) {
            ObjectNode out = F.objectNode();
            FieldDescriptor value = f.getMessageType().findFieldByNumber(2);
            v.properties().forEach(e -> out.set(e.getKey(), spelledValue(value, e.getValue(), true)));
            return out;
        }
        if (f.isRepeated() && v.isArray()) {
            ArrayNode out = F.arrayNode(v.size());
            v.forEach(element -> out.add(spelledValue(f, element, true)));
            return out;
        }
        return f.isRepeated() ? v : spelledValue(f, v, false);
    }

    private JsonNode spelledValue(FieldDescriptor f, JsonNode v, boolean element) {
        switch (f.getJavaType()) {
            case LONG:
                if (v.isTextual()) {
                    try {
                        return number(Long.parseLong(v.textValue()));
                    } catch (NumberFormatException e) {
                        return v;
                    }
                }
                return v;
            case DOUBLE:
                if (v.isTextual() && v.textValue().matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    return F.numberNode(Double.parseDouble(v.textValue()));
                }
                return v;
            case ENUM: {
                EnumDescriptor type = f.getEnumType();
                Map<String, String> byConstant = values.getOrDefault(type.getFullName(), Map.of());
                EnumValueDescriptor e = null;
                if (v.isTextual() && !constants.getOrDefault(type.getFullName(), Map.of()).containsKey(v.textValue())) {
                    e = type.findValueByName(v.textValue());
                } else if (v.isIntegralNumber() && v.canConvertToInt()) {
                    e = type.findValueByNumber(v.intValue());
                }
                if (e == null) return v;
                if (e.getNumber() == 0) return element ? v : F.nullNode(); // unspecified: not given
                String original = byConstant.get(e.getName());
                return original == null ? v : F.textNode(original);
            }
            case MESSAGE:
                return f.getMessageType().getFullName().equals(TIMESTAMP) ? v : spelled(v, f.getMessageType());
            default:
                return v;
        }
    }

    /** The flows.yaml values of an enum type, for messages and tests. */
    List<String> valuesOf(EnumDescriptor type) {
        return List.copyOf(constants.getOrDefault(type.getFullName(), Map.of()).keySet());
    }
}
