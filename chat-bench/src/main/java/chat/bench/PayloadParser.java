package chat.bench;

/**
 * Finds a measured line's numbers in a received line ({@link Payload} describes the text).
 *
 * <p>Parsing fills this object's fields instead of returning a new value: it runs once per
 * delivery, millions of times a second, and must not allocate. One parser per event loop; loop
 * thread only. After {@link #parse} returns false the fields mean nothing.
 */
final class PayloadParser {

    /** The sender index of the last line parsed. */
    private int sender;
    /** The sequence number of the last line parsed. */
    private long seq;
    /** The intended send time of the last line parsed, nanoseconds ({@link BenchClock}). */
    private long stampNanos;

    int sender() {
        return sender;
    }

    long seq() {
        return seq;
    }

    long stampNanos() {
        return stampNanos;
    }

    /**
     * Reads {@code bytes[from, to)}, one line without its line end. True if it holds the marker
     * followed by three well-formed numbers; lines the server makes itself (notices, welcome)
     * have no marker and return false.
     */
    boolean parse(byte[] bytes, int from, int to) {
        int at = indexOfMarker(bytes, from, to);
        if (at < 0) {
            return false;
        }
        int i = at + Payload.MARKER.length;
        // Each number: its digits, then the separator. -1 marks a malformed field.
        long parsedSender = 0;
        int digits = 0;
        for (; i < to && isDigit(bytes[i]); i++, digits++) {
            parsedSender = parsedSender * 10 + (bytes[i] - '0');
        }
        if (digits == 0 || digits > 9 || i >= to || bytes[i] != Payload.SEPARATOR) {
            return false;
        }
        i++;
        long parsedSeq = 0;
        digits = 0;
        for (; i < to && isDigit(bytes[i]); i++, digits++) {
            parsedSeq = parsedSeq * 10 + (bytes[i] - '0');
        }
        if (digits == 0 || digits > 18 || i >= to || bytes[i] != Payload.SEPARATOR) {
            return false;
        }
        i++;
        long parsedStamp = 0;
        digits = 0;
        for (; i < to && isDigit(bytes[i]); i++, digits++) {
            if (parsedStamp > (Long.MAX_VALUE - 9) / 10) {
                return false; // would overflow: not a stamp of ours
            }
            parsedStamp = parsedStamp * 10 + (bytes[i] - '0');
        }
        if (digits == 0 || i >= to || bytes[i] != Payload.SEPARATOR) {
            return false;
        }
        sender = (int) parsedSender;
        seq = parsedSeq;
        stampNanos = parsedStamp;
        return true;
    }

    /** Where the marker starts in {@code bytes[from, to)}, or -1. */
    static int indexOfMarker(byte[] bytes, int from, int to) {
        byte[] marker = Payload.MARKER;
        for (int i = from, last = to - marker.length; i <= last; i++) {
            if (bytes[i] == marker[0]
                    && bytes[i + 1] == marker[1]
                    && bytes[i + 2] == marker[2]
                    && bytes[i + 3] == marker[3]) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
