package dev.flowctl.gateway.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowctl.files.AtomicFile;
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
import java.util.Map;
import java.util.TreeMap;

/**
 * The gateway's durable record of which flow versions were called: per version, runs started per UTC
 * day (the last {@value #KEPT_DAYS} days) and the time of the last one, in {@code gateway-calls.json}
 * beside local state (docs/operations.md). The gateway writes it ({@link #flush}, every few seconds
 * while calls come and when it stops); plan reads it ({@link CallLogFile#recent}) to warn before
 * deleting a version callers still call. Metrics in memory die with the process; this file does not.
 */
public final class CallLog implements RunEvents {
    static final int KEPT_DAYS = 90;

    private final Path file;
    private final Clock clock;
    private final Map<String, CallLogFile.Calls> versions = new HashMap<>();
    /** False when {@code file} exists but is not a call log flowctl wrote: it is never overwritten. */
    private final boolean owned;
    private boolean dirty;

    /** Continues the counts {@code file} holds; a file there that is not a readable call log is left alone ({@link #owned}). */
    public CallLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        Map<String, CallLogFile.Calls> existing = CallLogFile.read(file);
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
        CallLogFile.Calls c = versions.computeIfAbsent(address.toString(), k -> new CallLogFile.Calls());
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
            ObjectNode root = CallLogFile.JSON.createObjectNode();
            root.put("kind", CallLogFile.KIND);
            root.put("formatVersion", CallLogFile.FORMAT_VERSION);
            ObjectNode vs = root.putObject("versions");
            new TreeMap<>(versions).forEach((address, c) -> {
                c.days.headMap(oldest).clear();
                ObjectNode v = vs.putObject(address);
                v.put("lastCalled", c.last == null ? null : c.last.toString());
                ObjectNode days = v.putObject("days");
                c.days.forEach((day, n) -> days.put(day.toString(), n));
            });
            bytes = (CallLogFile.JSON.writeValueAsString(root) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            dirty = false;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFile.write(file, bytes);
    }

}
