package dev.flowctl.state;

import dev.flowctl.errors.ErrorCode;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.flowctl.json.CanonicalJson;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;

/** State and lock documents to and from JSON; refuses formats newer than this flowctl knows. */
public final class StateCodec {
    public static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .addModule(canonicalJsonAsTree())
            .build();

    private StateCodec() {
    }

    /**
     * The per-call attribute under which {@link #decodeState} collects the tree each recorded schema was
     * read from (by identity), so {@link StateDocumentCheck} checks that tree instead of parsing the
     * schema's text again (7.5 % of a plan against a large state).
     */
    private static final Object READ_TREES = new Object();

    /**
     * Instants in the spelling flowctl writes are read by {@link IsoInstants}, anything else as JavaTimeModule
     * reads it. Records hold a schema as {@link CanonicalJson} text; the file holds it as a JSON tree, indented
     * with the rest, exactly as when the records held Jackson trees (StateFormatGoldenTest).
     */
    private static SimpleModule canonicalJsonAsTree() {
        return new SimpleModule("CanonicalJsonAsTree")
                .addSerializer(CanonicalJson.class, new StdSerializer<>(CanonicalJson.class) {
                    @Override
                    public void serialize(CanonicalJson value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                        gen.writeTree(value.tree());
                    }
                })
                .addDeserializer(Instant.class, new StdDeserializer<>(Instant.class) {
                    @Override
                    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        Instant fast = p.hasToken(JsonToken.VALUE_STRING) ? IsoInstants.parse(p.getText()) : null;
                        return fast != null ? fast : InstantDeserializer.INSTANT.deserialize(p, ctxt);
                    }
                })
                .addDeserializer(CanonicalJson.class, new StdDeserializer<>(CanonicalJson.class) {
                    @Override
                    public CanonicalJson deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        JsonNode tree = ctxt.readTree(p);
                        CanonicalJson json = CanonicalJson.of(tree);
                        if (ctxt.getAttribute(READ_TREES) instanceof Map<?, ?> trees) {
                            @SuppressWarnings("unchecked")
                            Map<CanonicalJson, JsonNode> read = (Map<CanonicalJson, JsonNode>) trees;
                            read.put(json, tree);
                        }
                        return json;
                    }
                });
    }

    public static byte[] encode(Object value) {
        try {
            return (JSON.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("state could not be serialised", e);
        }
    }

    /**
     * What to do about a damaged state, ending every such message: a damaged state is never
     * overwritten, so the fix is to restore a good version.
     */
    public static final String RESTORE = "restore the last good version (flowctl state history, then flowctl state show "
            + "--version ID; on S3 from bucket versioning) or a backup made with flowctl state pull; flowctl will not overwrite it.";

    /**
     * A key given twice is refused, not read last-wins: a hand edit or a bad merge that leaves two
     * {@code scoring@v1} entries must not silently drop one of them.
     */
    private static final com.fasterxml.jackson.databind.ObjectReader STATE_READER = JSON.readerFor(StateDocument.class)
            .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    private static final com.fasterxml.jackson.databind.ObjectReader TREE_READER = JSON.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    private static final com.fasterxml.jackson.databind.ObjectReader LOCK_READER = JSON.readerFor(LockInfo.class)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    /**
     * Decodes a state document and checks every field readers rely on; {@code where} names it in
     * messages. Binds in one pass (state of a large project is megabytes); only a document that does
     * not bind is read again as a tree, to say whether it is newer, not flowctl's, or damaged.
     */
    public static StateDocument decodeState(byte[] bytes, String where) {
        StateDocument prefetched = StatePrefetch.take(bytes);
        return prefetched != null ? prefetched : decode(bytes, where);
    }

    static StateDocument decode(byte[] bytes, String where) {
        StateDocument doc;
        Map<CanonicalJson, JsonNode> trees = new IdentityHashMap<>();
        try {
            doc = STATE_READER.withAttribute(READ_TREES, trees).readValue(bytes);
        } catch (IOException | IllegalArgumentException e) {
            throw diagnose(bytes, where, e);
        }
        if (doc == null || doc.formatVersion() <= 0 || doc.formatVersion() > StateDocument.FORMAT_VERSION) {
            throw diagnose(bytes, where, null);
        }
        String problem = StateDocumentCheck.firstProblem(doc, trees::get);
        if (problem != null) throw damaged(where, problem);
        return doc;
    }

    /**
     * The document's top-level {@code serial}, read without binding the rest (a history listing needs
     * only that to mark the version in force; binding a 3,000-version state costs ~0.5 s); -1 when the
     * bytes are not a JSON object with a whole-number serial. Reading the state itself checks it.
     */
    public static long peekSerial(byte[] bytes) {
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("serial".equals(name)) return value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                p.skipChildren();
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static StateException diagnose(byte[] bytes, String where, Exception bindFailure) {
        JsonNode tree;
        try {
            tree = TREE_READER.readTree(bytes);
        } catch (StreamReadException e) {
            if (isDuplicate(e)) return damaged(where, duplicate(e));
            return new StateException(ErrorCode.STATE_DAMAGED, "state at " + where + " is not valid JSON (" + firstLine(e.getMessage()) + "); " + RESTORE);
        } catch (IOException e) {
            return new StateException(ErrorCode.STATE_DAMAGED, "state at " + where + " is not valid JSON (" + firstLine(e.getMessage()) + "); " + RESTORE);
        }
        if (tree == null || !tree.isObject() || !tree.path("formatVersion").canConvertToInt()
                || tree.path("formatVersion").asInt() <= 0) {
            return new StateException(ErrorCode.STATE_NOT_FLOWCTL, "state at " + where + " is not a flowctl state file (no formatVersion); "
                    + "point --state at the right file, flowctl will not overwrite it.");
        }
        int format = tree.get("formatVersion").asInt();
        if (format > StateDocument.FORMAT_VERSION) {
            return new StateException(ErrorCode.STATE_TOO_NEW, "state at " + where + " has format " + format + ", written by a newer flowctl ("
                    + tree.path("toolVersion").asText("unknown") + "); upgrade flowctl to read it.");
        }
        return damaged(where, bindFailure == null ? "formatVersion is not a number" : bindProblem(bindFailure));
    }

    private static boolean isDuplicate(StreamReadException e) {
        return String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field ");
    }

    /** "key 'flow' appears twice (line 7, column 14)": where the second one starts. */
    private static String duplicate(StreamReadException e) {
        String field = e.getOriginalMessage().substring("Duplicate field ".length());
        var at = e.getLocation();
        return "key " + field + " appears twice" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    }

    private static StateException damaged(String where, String problem) {
        return new StateException(ErrorCode.STATE_DAMAGED, "state at " + where + " is damaged (" + problem + "); " + RESTORE);
    }

    /** Where in the document binding failed ({@code versions.f@v1.deployedAt}) and Jackson's reason. */
    private static String bindProblem(Exception e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder at = new StringBuilder();
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) at.append(at.length() == 0 ? "" : ".").append(r.getFieldName());
                else if (r.getIndex() >= 0) at.append('[').append(r.getIndex()).append(']');
            }
            String reason = firstLine(m.getOriginalMessage());
            int hint = reason.indexOf(" (but could if"); // Jackson's advice to programmers, not to users
            return at + ": " + (hint < 0 ? reason : reason.substring(0, hint));
        }
        return firstLine(e.getMessage());
    }

    /** Decodes a lock's holder; a lock without an ID is not a flowctl lock. */
    public static LockInfo decodeLock(byte[] bytes, String where) {
        LockInfo info;
        try {
            info = LOCK_READER.readValue(bytes);
        } catch (StreamReadException e) {
            throw new StateException(ErrorCode.STATE_DAMAGED, "lock at " + where + " is not readable (" + (isDuplicate(e) ? duplicate(e) : firstLine(e.getMessage()))
                    + "); if no run is active, delete it.");
        } catch (IOException | IllegalArgumentException e) {
            throw new StateException(ErrorCode.STATE_DAMAGED, "lock at " + where + " is not readable (" + firstLine(e.getMessage())
                    + "); if no run is active, delete it.");
        }
        if (info == null || info.id() == null || info.id().isBlank()) {
            throw new StateException(ErrorCode.STATE_DAMAGED, "lock at " + where + " is not readable (no lock ID); if no run is active, delete it.");
        }
        // A lock written by hand or by another tool may name no holder; say so rather than "null".
        return new LockInfo(info.id(), orUnknown(info.who()), orUnknown(info.operation()), info.created(), orUnknown(info.toolVersion()));
    }

    private static String orUnknown(String s) {
        return s == null || s.isBlank() ? "unknown" : s;
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
