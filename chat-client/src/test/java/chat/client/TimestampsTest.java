package chat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    private static final Instant NOON_UTC = Instant.parse("2026-12-03T12:00:05.123Z");

    @Test
    void theDefaultIsHoursAndMinutesInTheGivenZone() {
        assertEquals("12:00", Timestamps.parse(Timestamps.DEFAULT_PATTERN, ZoneOffset.UTC).format(NOON_UTC));
        assertEquals("13:00", Timestamps.parse("HH:mm", ZoneId.of("Europe/Paris")).format(NOON_UTC));
        assertEquals("12:00:05", Timestamps.parse("HH:mm:ss", ZoneOffset.UTC).format(NOON_UTC));
    }

    @Test
    void offTurnsTheColumnOff() {
        assertFalse(Timestamps.parse("off", ZoneOffset.UTC).on());
        assertFalse(Timestamps.parse("OFF", ZoneOffset.UTC).on());
        assertTrue(Timestamps.parse("HH:mm", ZoneOffset.UTC).on());
    }

    @Test
    void aPatternThatCannotShowATimeIsRefusedWithASentence() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Timestamps.parse("HH:bb", ZoneOffset.UTC));
        assertEquals("--timestamps must be off or a time pattern such as HH:mm or HH:mm:ss, not HH:bb", bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parse("HH:mm {", ZoneOffset.UTC));
    }
}
