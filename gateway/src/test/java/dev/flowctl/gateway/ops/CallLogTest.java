package dev.flowctl.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.plan.RecentCalls;
import dev.flowctl.spec.FlowVersionAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's durable call log: what it keeps, what plan reads back from it, and what it never overwrites. */
class CallLogTest {
    @TempDir
    Path dir;

    private static final FlowVersionAddress V1 = new FlowVersionAddress("scoring", "v1");

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void runsStartedAreCountedPerDayAndReadBackWithinTheWindow() throws Exception {
        Path file = dir.resolve(".flowctl/gateway-calls.json");
        CallLog old = new CallLog(file, at("2026-03-01T10:00:00Z"));
        old.started(V1, "r-1", "svc", Duration.ZERO);
        old.flush();
        CallLog recent = new CallLog(file, at("2026-05-30T08:00:00Z")); // continues what the file holds
        recent.started(V1, "r-2", "svc", Duration.ZERO);
        recent.started(V1, "r-3", "svc", Duration.ZERO);
        recent.refused(new FlowVersionAddress("scoring", "v2"), "svc", io.grpc.Status.Code.NOT_FOUND, Duration.ZERO);
        recent.flush();

        Map<FlowVersionAddress, RecentCalls> last30 = CallLogFile.recent(file, 30, at("2026-06-01T00:00:00Z"));
        assertEquals(Map.of(V1, new RecentCalls(2, Instant.parse("2026-05-30T08:00:00Z"), 30)), last30);
        assertEquals(3, CallLogFile.recent(file, 365, at("2026-06-01T00:00:00Z")).get(V1).count());
        assertEquals(Map.of(), CallLogFile.recent(dir.resolve("absent.json"), 30, Clock.systemUTC()));
    }

    @Test
    void aFileThatIsNotACallLogIsNeitherReadNorOverwritten() throws Exception {
        Path file = dir.resolve("gateway-calls.json");
        Files.writeString(file, "my notes\n");
        CallLog log = new CallLog(file, Clock.systemUTC());
        assertFalse(log.owned());
        log.started(V1, "r-1", "svc", Duration.ZERO);
        log.flush();
        assertEquals("my notes\n", Files.readString(file));
        assertTrue(CallLogFile.recent(file, 30, Clock.systemUTC()).isEmpty());
    }
}
