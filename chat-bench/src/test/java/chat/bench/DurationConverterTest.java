package chat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsTheUnitsPeopleWrite() {
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofSeconds(5), converter.convert("5s"));
        assertEquals(Duration.ofMillis(1500), converter.convert("1.5s"));
        assertEquals(Duration.ofMinutes(2), converter.convert("2m"));
        assertEquals(Duration.ofHours(1), converter.convert("1h"));
    }

    @Test
    void bareNumberIsSecondsAndIsoWorksToo() {
        assertEquals(Duration.ofSeconds(3), converter.convert("3"));
        assertEquals(Duration.ZERO, converter.convert("0"));
        assertEquals(Duration.ofSeconds(5), converter.convert("PT5S"));
    }

    @Test
    void nonsenseIsRefusedWithAnExample() {
        TypeConversionException error = assertThrows(TypeConversionException.class, () -> converter.convert("soon"));
        assertEquals("'soon' is not a duration (examples: 500ms, 5s, 1.5s, 2m)", error.getMessage());
        assertThrows(TypeConversionException.class, () -> converter.convert("-1s"));
    }
}
