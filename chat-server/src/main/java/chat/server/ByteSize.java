package chat.server;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size typed on the command line: a whole number of bytes with an optional binary unit.
 * {@code k}, {@code KB} and {@code KiB} all mean 1024 bytes (so do {@code m}/{@code MB}/{@code MiB}
 * for 1024², {@code g}/{@code GB}/{@code GiB} for 1024³), in any case: a user typing {@code 8KB}
 * for a buffer means 8 KiB, never 8,000 bytes. Anything else is refused, never truncated: before
 * this class {@code 8KB} was read as 8 bytes.
 *
 * <p>No state; any thread.
 */
final class ByteSize {

    /** The units, as {@code --help} and every refusal list them. */
    static final String UNITS = "k, KB, KiB, m, MB, MiB, g, GB or GiB";

    private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*([A-Za-z]*)");

    private ByteSize() {
    }

    /**
     * The bytes {@code text} stands for.
     *
     * @throws IllegalArgumentException naming {@code text} if it is not a size or passes {@link Long#MAX_VALUE}
     */
    static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip());
        long unit = m.matches() ? unitBytes(m.group(2)) : 0;
        if (unit == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a size; use a whole number with an optional unit "
                    + UNITS);
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException tooManyDigits) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }

    /** Bytes in one {@code unit} (empty: bytes), or 0 if it is not a unit. */
    private static long unitBytes(String unit) {
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "":
                return 1;
            case "k":
            case "kb":
            case "kib":
                return 1L << 10;
            case "m":
            case "mb":
            case "mib":
                return 1L << 20;
            case "g":
            case "gb":
            case "gib":
                return 1L << 30;
            default:
                return 0;
        }
    }
}
