package chat.client;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The time column in front of each line ({@code --timestamps}): when the line happened, from
 * its {@code time} tag (tagged mode, docs/protocol.md), in this machine's time zone; a line
 * without one (what the server says before the client turns tags on, the client's own lines)
 * is stamped when it arrives.
 *
 * <p>A replayed line has the server's own {@code [HH:MM]} in front of it; with tags, the column
 * shows the tag's time instead, in the chosen format; without (the history shown on the very
 * first welcome, before tags are on), the server's {@code HH:MM} takes the column's place, in the
 * server's time zone: the best there is.
 *
 * <p>Immutable; safe from any thread.
 */
final class Timestamps {

    /** The format unless told otherwise: hours and minutes, as irssi and WeeChat show. */
    static final String DEFAULT_PATTERN = "HH:mm";
    /** {@code --timestamps off}: no column. */
    static final Timestamps OFF = new Timestamps(null);

    private final DateTimeFormatter format;

    private Timestamps(DateTimeFormatter format) {
        this.format = format;
    }

    /** The column in {@code pattern} ({@link DateTimeFormatter} letters) in {@code zone}. */
    static Timestamps of(String pattern, ZoneId zone) {
        return new Timestamps(DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(zone));
    }

    /**
     * {@code --timestamps}'s value: "off", or a pattern such as {@code HH:mm} or
     * {@code HH:mm:ss}; throws IllegalArgumentException, with a sentence for the user, for a
     * pattern that is not one.
     */
    static Timestamps parse(String value, ZoneId zone) {
        if (value.equalsIgnoreCase("off")) {
            return OFF;
        }
        try {
            Timestamps parsed = of(value, zone);
            parsed.format(Instant.EPOCH); // a pattern can parse and still fail to print (a year-of-era in a time)
            return parsed;
        } catch (IllegalArgumentException | DateTimeException bad) {
            throw new IllegalArgumentException("--timestamps must be off or a time pattern such as HH:mm or"
                    + " HH:mm:ss, not " + value);
        }
    }

    boolean on() {
        return format != null;
    }

    /** {@code at} as the column shows it; only when {@link #on}. */
    String format(Instant at) {
        return format.format(at);
    }
}
