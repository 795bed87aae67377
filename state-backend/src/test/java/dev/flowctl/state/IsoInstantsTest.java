package dev.flowctl.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand reader of deployedAt gives exactly what the general one (Instant.parse, JavaTimeModule) gives. */
class IsoInstantsTest {
    @Test
    void everySpellingFlowctlWritesReadsAsTheGeneralReaderReadsIt() {
        Random random = new Random(18);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            long second = min + (long) (random.nextDouble() * (max - min));
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            String written = Instant.ofEpochSecond(second, nanos).toString();
            assertEquals(Instant.parse(written), IsoInstants.parse(written), written);
        }
    }

    @Test
    void anyOtherSpellingIsLeftToTheGeneralReader() {
        for (String s : List.of("2026-02-30T00:00:00Z", "2026-12-03T23:59:60Z", "2026-12-03T24:00:00Z", "2026-12-03T10:00:00+01:00",
                "2026-12-03T10:00:00.Z", "2026-12-03T10:00:00.1234567890Z", " 2026-12-03T10:00:00Z", "2026-12-03 10:00:00Z",
                "+12026-12-03T10:00:00Z", "2026-12-03T10:00Z", "2026-1a-03T10:00:00Z", "2026-12-03T10:00:00z", "")) {
            assertNull(IsoInstants.parse(s), s);
        }
    }

    @Test
    void aStateReadsTheSameDeployedAtEitherWay() {
        for (String at : List.of("2026-12-03T19:02:10.123456Z", "2026-12-03T10:00:00+01:00", "2026-12-03T23:59:60Z", "1764756130")) {
            String json = "{\"formatVersion\": 1, \"lineage\": \"l\", \"serial\": 1, \"project\": \"p\", \"versions\": {\"f@v1\": {"
                    + "\"flow\": \"f\", \"version\": \"v1\", \"sourceHash\": \"s\", \"engineType\": \"local\", \"engineSettingsHash\": \"e\","
                    + "\"engineRef\": \"r\", \"schema\": [], \"deployedAt\": " + (at.contains("-") ? "\"" + at + "\"" : at) + "}}}";
            Instant read = StateCodec.decodeState(json.getBytes(StandardCharsets.UTF_8), "state.json").versions().get("f@v1").deployedAt();
            Instant expected;
            try {
                expected = at.contains("-") ? Instant.parse(at) : Instant.ofEpochSecond(Long.parseLong(at));
            } catch (DateTimeParseException e) {
                throw new AssertionError(at, e);
            }
            assertEquals(expected, read, at);
        }
    }
}
