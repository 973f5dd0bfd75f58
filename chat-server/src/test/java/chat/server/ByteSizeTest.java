package chat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sizes on the command line: every unit is binary, and anything that is not a size is refused whole. */
class ByteSizeTest {

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({
        "4096, 4096",
        "0, 0",
        "8k, 8192", "8K, 8192", "8KB, 8192", "8kb, 8192", "8KiB, 8192", "8kib, 8192",
        "2m, 2097152", "2M, 2097152", "2MB, 2097152", "2MiB, 2097152",
        "3g, 3221225472", "3G, 3221225472", "3GB, 3221225472", "3GiB, 3221225472",
        "' 16k ', 16384", "'16 KiB', 16384",
    })
    void everyUnitIsAPowerOf1024(String typed, long bytes) {
        assertEquals(bytes, ByteSize.parse(typed));
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"2x", "8KBs", "8 bits", "8kk", "1.5m", "-1", "+1", "k", "", "0x10", "1e3", "8TB", "1,024"})
    void anythingElseIsRefusedWithTheUnitsItTakes(String typed) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(typed));
        assertEquals("'" + typed + "' is not a size; use a whole number with an optional unit"
                + " k, KB, KiB, m, MB, MiB, g, GB or GiB", e.getMessage());
    }

    @Test
    void aSizePastALongIsRefusedNotWrapped() {
        assertEquals("'9000000000g' is too large",
                assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("9000000000g")).getMessage());
        assertEquals("'99999999999999999999' is too large",
                assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("99999999999999999999")).getMessage());
    }
}
