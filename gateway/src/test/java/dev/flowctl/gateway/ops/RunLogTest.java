package dev.flowctl.gateway.ops;

import dev.flowctl.spec.FlowVersionAddress;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.SubstituteLogger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One logfmt line per run started or refused: names and ids only, caller-supplied values kept on one line. */
class RunLogTest {
    static final class Recorded {
        final ConcurrentLinkedQueue<SubstituteLoggingEvent> events = new ConcurrentLinkedQueue<>();
        final RunLog log = new RunLog(new EventRecordingLogger(new SubstituteLogger(RunLog.LOGGER_NAME, events, false), events));

        List<String> lines() {
            return events.stream().map(SubstituteLoggingEvent::getMessage).toList();
        }
    }

    @Test
    void startedAndRefusedRunsAreOneLineEach() {
        Recorded recorded = new Recorded();
        FlowVersionAddress fleet = new FlowVersionAddress("fleet_features", "v1");
        recorded.log.started(fleet, "run-42", "svc-a", Duration.ofMillis(3));
        recorded.log.refused(new FlowVersionAddress("fleet_features", "v9"), "svc-a", Status.Code.NOT_FOUND, Duration.ofMillis(1));
        recorded.log.refused(null, null, Status.Code.UNAUTHENTICATED, Duration.ZERO);
        assertEquals(List.of(
                "event=run_started flow=fleet_features version=v1 run_id=run-42 caller=svc-a outcome=started latency_ms=3.0",
                "event=run_refused flow=fleet_features version=v9 caller=svc-a outcome=not_found latency_ms=1.0",
                "event=run_refused flow=- version=- caller=- outcome=unauthenticated latency_ms=0.0"), recorded.lines());
    }

    @Test
    void aFlowNameFromTheCallerCannotAddAFieldOrALine() {
        Recorded recorded = new Recorded();
        recorded.log.refused(new FlowVersionAddress("x caller=admin\nevent=run_started", "v1"), "svc-a", Status.Code.NOT_FOUND, Duration.ZERO);
        assertEquals(List.of("event=run_refused flow=\"x caller=admin\\u000aevent=run_started\" version=v1 caller=svc-a outcome=not_found latency_ms=0.0"),
                recorded.lines());
    }
}
