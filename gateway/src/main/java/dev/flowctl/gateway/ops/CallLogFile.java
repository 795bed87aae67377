package dev.flowctl.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flowctl.plan.RecentCalls;
import dev.flowctl.spec.FlowVersionAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The format of the gateway's call log ({@link CallLog} writes it), read by plan and apply. Apart from
 * {@link CallLog} so that reading it loads no gRPC class: a local plan stays free of the gateway's stack.
 */
public final class CallLogFile {
    /** The file's name, beside the environment's local state. */
    public static final String FILE_NAME = "gateway-calls.json";
    static final String KIND = "flowctl-gateway-calls";
    static final int FORMAT_VERSION = 1;
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** One version's calls: runs started per day, and the last start. */
    static final class Calls {
        final TreeMap<LocalDate, Long> days = new TreeMap<>();
        Instant last;
    }

    private CallLogFile() {
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
    static Map<String, Calls> read(Path file) {
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
