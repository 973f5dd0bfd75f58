package chat.core;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A typed hole in a {@link Template}: how its value is written into a line, the text it matches
 * there, and how that text is read back. The three live side by side so that a slot's written
 * form and the form it accepts cannot drift apart.
 *
 * <p>Invariant: {@link #regex} has exactly one capturing group, the slot's text ({@link Template}
 * relies on it to number its groups). Immutable and stateless.
 *
 * @param regex  the regular expression the slot's text matches, with one capturing group around it
 * @param writer appends a value as it appears on the wire
 * @param reader the value a captured text (null if the group took no part) stands for; null if none
 */
record Slot(String regex, BiConsumer<Object, StringBuilder> writer, Function<String, Object> reader) {

    /** Name characters, as {@link Names} allows them. */
    static final Slot NAME = new Slot("([\\p{L}\\p{M}\\p{Nd}_-]+)",
            (value, out) -> out.append((String) value), text -> text);

    /** Any text, to the end of the line or to what follows the slot in its template. */
    static final Slot TEXT = new Slot("(.*)", (value, out) -> out.append((String) value), text -> text);

    /** A count in ASCII digits, such as a room's members in a room list. */
    static final Slot NUMBER = new Slot("(\\d+)", (value, out) -> out.append((int) (Integer) value), Slot::number);

    /** A time of day to the minute, {@code HH:MM}: the time stamp of a replayed line. */
    static final Slot CLOCK = new Slot("(\\d\\d:\\d\\d)", (value, out) -> {
        LocalTime time = (LocalTime) value;
        twoDigits(time.getHour(), out);
        out.append(':');
        twoDigits(time.getMinute(), out);
    }, text -> {
        try {
            return LocalTime.of(Integer.parseInt(text, 0, 2, 10), Integer.parseInt(text, 3, 5, 10));
        } catch (DateTimeException notATime) {
            return null; // such as 25:70: not a stamp the server writes
        }
    });

    /** Appends {@code value} as it appears on the wire. */
    void write(Object value, StringBuilder out) {
        writer.accept(value, out);
    }

    /** The value {@code text} stands for; null if none. */
    Object read(String text) {
        return reader.apply(text);
    }

    /**
     * A count followed by a noun, singular for 1: {@code counted("user")} writes {@code 1 user}
     * and {@code 3 users}. It reads either form with any count, as clients always have.
     */
    static Slot counted(String noun) {
        return new Slot("(\\d+)" + Pattern.quote(" " + noun) + "s?", (value, out) -> {
            int n = (Integer) value;
            out.append(n).append(' ').append(noun);
            if (n != 1) {
                out.append('s');
            }
        }, Slot::number);
    }

    /**
     * A count shown only when it is not 0, between {@code before} and {@code after}: such as
     * {@code ", and 5 more"}. Reads as 0 when absent.
     */
    static Slot optionalCount(String before, String after) {
        return new Slot("(?:" + Pattern.quote(before) + "(\\d+)" + Pattern.quote(after) + ")?", (value, out) -> {
            int n = (Integer) value;
            if (n != 0) {
                out.append(before).append(n).append(after);
            }
        }, text -> text == null ? Integer.valueOf(0) : number(text));
    }

    /**
     * Strings joined by {@code separator}; the empty text is the empty list. Matches as little
     * as it can, so that an optional slot after it (such as {@link #optionalCount}) takes its
     * part. The entries are not checked: a reader takes them as they come, as clients always have.
     */
    static Slot list(String separator) {
        Pattern split = Pattern.compile(Pattern.quote(separator));
        return new Slot("(.*?)", (value, out) -> {
            List<?> items = (List<?>) value;
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.append(separator);
                }
                out.append((String) items.get(i));
            }
        }, text -> text.isEmpty() ? List.of() : List.of(split.split(text)));
    }

    private static void twoDigits(int n, StringBuilder out) {
        out.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    /**
     * {@code digits} (ASCII, at least one) as an int, at most {@link Integer#MAX_VALUE}: a count
     * too big to be true is still read as a count, as clients always did, rather than making a
     * line of a known kind unknown.
     */
    private static Integer number(String digits) {
        try {
            return Integer.valueOf(digits);
        } catch (NumberFormatException tooBig) {
            return Integer.MAX_VALUE;
        }
    }
}
