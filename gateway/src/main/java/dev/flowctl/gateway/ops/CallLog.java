package dev.flowctl.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowctl.files.AtomicFile;
import dev.flowctl.plan.RecentCalls;
import dev.flowctl.spec.FlowVersionAddress;
import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gateway's durable record of which flow versions were called: per version, runs started per UTC
 * day (the last {@value #KEPT_DAYS} days) and the time of the last one, in {@code gateway-calls.json}
 * beside local state (docs/operations.md). The gateway writes it ({@link #flush}, every few seconds
 * while calls come and when it stops); plan reads it ({@link #recent}) to warn before deleting a
 * version callers still call. Metrics in memory die with the process; this file does not.
 */
public final class CallLog implements RunEvents {
    /** The file's name, beside the environment's local state. */
    public static final String FILE_NAME = "gateway-calls.json";
    static final String KIND = "flowctl-gateway-calls";
    static final int FORMAT_VERSION = 1;
    static final int KEPT_DAYS = 90;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** One version's calls: runs started per day, and the last start. */
    private static final class Calls {
        final TreeMap<LocalDate, Long> days = new TreeMap<>();
        Instant last;
    }

    private final Path file;
    private final Clock clock;
    private final Map<String, Calls> versions = new HashMap<>();
    /** False when {@code file} exists but is not a call log flowctl wrote: it is never overwritten. */
    private final boolean owned;
    private boolean dirty;

    /** Continues the counts {@code file} holds; a file there that is not a readable call log is left alone ({@link #owned}). */
    public CallLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        Map<String, Calls> existing = read(file);
        this.owned = existing != null || !Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (existing != null) versions.putAll(existing);
    }

    /** Whether this log writes its file (false: something else is at its path, which flowctl does not overwrite). */
    public boolean owned() {
        return owned;
    }

    /** Where the counts are written. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void started(FlowVersionAddress address, String runId, String caller, Duration latency) {
        Instant now = clock.instant();
        Calls c = versions.computeIfAbsent(address.toString(), k -> new Calls());
        c.days.merge(LocalDate.ofInstant(now, ZoneOffset.UTC), 1L, Long::sum);
        c.last = now;
        dirty = true;
    }

    @Override
    public void refused(FlowVersionAddress address, String caller, Status.Code code, Duration latency) {
        // a refused call started nothing: the version was not used
    }

    /** Writes the counts when they changed since the last write; old days are dropped. */
    public void flush() throws IOException {
        byte[] bytes;
        synchronized (this) {
            if (!dirty || !owned) return;
            LocalDate oldest = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(KEPT_DAYS);
            ObjectNode root = JSON.createObjectNode();
            root.put("kind", KIND);
            root.put("formatVersion", FORMAT_VERSION);
            ObjectNode vs = root.putObject("versions");
            new TreeMap<>(versions).forEach((address, c) -> {
                c.days.headMap(oldest).clear();
                ObjectNode v = vs.putObject(address);
                v.put("lastCalled", c.last == null ? null : c.last.toString());
                ObjectNode days = v.putObject("days");
                c.days.forEach((day, n) -> days.put(day.toString(), n));
            });
            bytes = (JSON.writeValueAsString(root) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            dirty = false;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFile.write(file, bytes);
    }

    /**
     * Runs started per version within the last {@code days} days (today included), from {@code file};
     * empty when there is no file or it is not a call log flowctl can read (plan only warns from it).
     */
    public static Map<FlowVersionAddress, RecentCalls> recent(Path file, int days, Clock clock) {
        LocalDate since = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(days - 1L);
        Map<FlowVersionAddress, RecentCalls> out = new HashMap<>();
        Map<String, Calls> calls = read(file);
        if (calls == null) return out;
        calls.forEach((address, c) -> {
            long count = c.days.tailMap(since).values().stream().mapToLong(Long::longValue).sum();
            if (count > 0) out.put(FlowVersionAddress.parse(address), new RecentCalls(count, c.last, days));
        });
        return out;
    }

    /** The counts {@code file} holds: empty when there is none, null when something there is not a call log flowctl reads. */
    private static Map<String, Calls> read(Path file) {
        Map<String, Calls> out = new HashMap<>();
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return out;
        // A FIFO or a link could make plan hang or read elsewhere: only a regular file of sane size is read.
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return null;
        try {
            if (Files.size(file) > 64L * 1024 * 1024) return null;
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            if (root == null || !KIND.equals(root.path("kind").asText()) || root.path("formatVersion").asInt() != FORMAT_VERSION) return null;
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("versions").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Calls c = new Calls();
                String last = e.getValue().path("lastCalled").asText(null);
                c.last = last == null ? null : Instant.parse(last);
                e.getValue().path("days").fields().forEachRemaining(d -> c.days.put(LocalDate.parse(d.getKey()), d.getValue().asLong()));
                FlowVersionAddress.parse(e.getKey()); // a key that is not flow@version makes the file unreadable
                out.put(e.getKey(), c);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
