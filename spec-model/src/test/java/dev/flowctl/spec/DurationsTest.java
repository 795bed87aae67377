package dev.flowctl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @Test
    void readsEachUnitAndTakesABareNumberAsSeconds() {
        assertEquals(Optional.of(Duration.ofMillis(500)), Durations.parse("500ms"));
        assertEquals(Optional.of(Duration.ofSeconds(30)), Durations.parse("30s"));
        assertEquals(Optional.of(Duration.ofMinutes(5)), Durations.parse(" 5m "));
        assertEquals(Optional.of(Duration.ofHours(1)), Durations.parse("1h"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), Durations.parse("90"));
        assertEquals(Optional.of(Duration.ZERO), Durations.parse("0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5x", "-1s", "1.5m", "PT5M", "10 m", "9999999999s"})
    void refusesWhatIsNotADuration(String text) {
        assertEquals(Optional.empty(), Durations.parse(text));
    }
}
